using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Projection.Scb.Tests;

/// <summary>What the fake does to the next data request.</summary>
public enum Fault
{
    None,
    TooManyRequestsWithRetryAfter,
    TooManyRequests,
    ServiceUnavailable,
    Slow,
    Truncated,
    HtmlNotFound,
    TooManyCells,

    /// <summary>The headers promise the whole body, half of it is sent, and the connection is cut.</summary>
    CutOffBody,
}

/// <summary>
/// A fake of SCB's PxWeb v2 and v1 APIs that runs for real on 127.0.0.1 and speaks their wire
/// formats: v2 <c>/api/v2/config</c>, <c>/tables/{id}/metadata</c>, <c>/tables/{id}/data</c>
/// (json-stat2), v1 <c>?config</c>, table metadata by GET and data by POST. Values are a known
/// function of the cell's codes, so a test can check every merged cell. Faults are queued.
/// </summary>
public sealed class FakeScb : IAsyncDisposable
{
    public const string Table = "TAB638";
    public const string V1Path = "BE/BE0101/BE0101A/BefolkningNy";

    /// <summary>
    /// The tables the fake serves, with the same variables but each with SCB's own content codes
    /// (a fake: SCB's births table has AlderModer, for one). As at SCB, deaths by age reached during
    /// the year (DodaFodelsearK, TAB959) carry BE0101D8 and deaths by age at death (DodaHandelseK,
    /// TAB960) BE0101D9; asking a table for a content it does not have is a 400.
    /// </summary>
    public static readonly string[] Tables = ["TAB638", "TAB1264", "TAB959", "TAB960", "TAB1212", "TAB9638", "TAB6470", "TAB6471", "TAB6472"];

    /// <summary>The fake's ids of the tables continued from 2025 (SCB's own ids are found by search, as here).</summary>
    public static readonly Dictionary<string, string> Continuations = new(StringComparer.Ordinal)
    {
        ["TAB6470"] = "FoddaKCKM",
        ["TAB6471"] = "DodaFodelsearKCKM",
        ["TAB6472"] = "Flyttningar97CKM",
    };

    /// <summary>The content codes (ContentsCode) of each table the fake serves, as SCB's metadata gives them.</summary>
    public static string[] ContentsOf(string tableId) => tableId switch
    {
        "TAB1264" or "TAB6470" => ["BE0101E2"],
        "TAB6471" => ["BE0101D8"],
        "TAB6472" => ["BE0101A2", "BE0101A3", "BE0101AX", "BE0101AY"],
        "TAB959" => ["BE0101D8"],
        "TAB960" => ["BE0101D9"],
        "TAB1212" => ["BE0101A2", "BE0101A3", "BE0101AX", "BE0101AY"],
        _ => ["BE0101N1"],
    };

    /// <summary>The years of a table: the continuations hold 2025, the others 1968–2024.</summary>
    public string[] YearsOf(string tableId) => tableId switch
    {
        "TAB6470" or "TAB6471" or "TAB6472" => ["2025"],
        _ => Years,
    };

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Fault> _faults = new();

    private FakeScb(WebApplication app) => _app = app;

    public Uri V2 { get; private set; } = null!;

    public Uri V1 { get; private set; } = null!;

    public int MaxCells { get; set; } = 1_000;

    public int MaxCalls { get; set; } = 30;

    public int WindowSeconds { get; set; } = 10;

    public bool ConfigBroken { get; set; }

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(5);

    public ConcurrentQueue<(DateTimeOffset At, string Path, long Cells, int Status)> Requests { get; } = new();

    public string[] Regions { get; set; } = ["19", "1904", "1907", "1960", "1961", "1962", "1980", "1981", "1982", "1983", "1984"];

    public string[] Ages { get; } = [.. Enumerable.Range(0, 100).Select(a => a.ToString(CultureInfo.InvariantCulture)), "100+"];

    public string[] Years { get; } = [.. Enumerable.Range(1968, 57).Select(y => y.ToString(CultureInfo.InvariantCulture))];

    public void Enqueue(params Fault[] faults)
    {
        foreach (var fault in faults)
        {
            _faults.Enqueue(fault);
        }
    }

    /// <summary>The value the fake serves for a cell: a deterministic function of its codes.</summary>
    public static double ValueOf(IEnumerable<string> codes) =>
        codes.Aggregate(17L, (hash, code) => (hash * 31) + code.Aggregate(0, (h, ch) => (h * 7) + ch)) % 10_000;

    public static async Task<FakeScb> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeScb(app);
        app.MapGet("/api/v2/config", () => fake.ConfigBroken ? Results.Text("<html>down</html>", "text/html", statusCode: 500) : Results.Json(new { apiVersion = "2.3.2", maxDataCells = fake.MaxCells, maxCallsPerTimeWindow = fake.MaxCalls, timeWindow = fake.WindowSeconds }));
        app.MapGet("/api/v2/tables", (string? query) => Results.Json(new
        {
            language = "sv",
            tables = new[]
            {
                new { type = "Table", id = "TAB638", label = "Folkmängden efter region, civilstånd, ålder och kön. År 1968-2024", updated = "2025-02-21T07:00:00Z", firstPeriod = "1968", lastPeriod = "2024" },
                new { type = "Table", id = "TAB1264", label = "Levande födda efter region, moderns ålder och barnets kön (FoddaK). År 1968-2024", updated = "2025-02-21T07:00:00Z", firstPeriod = "1968", lastPeriod = "2024" },
                new { type = "Table", id = "TAB1212", label = "Flyttningar efter region, ålder och kön (Flyttningar97). År 1997-2024", updated = "2025-02-21T07:00:00Z", firstPeriod = "1997", lastPeriod = "2024" },
                new { type = "Table", id = "TAB9638", label = "Folkmängd efter region, ålder och kön (BefolkningCKM). År 2020-2024", updated = "2025-02-21T07:00:00Z", firstPeriod = "2020", lastPeriod = "2024" },
                new { type = "Table", id = "TAB6470", label = "Levande födda efter region, moderns ålder och barnets kön (FoddaKCKM). År 2025-2025", updated = "2026-03-20T07:00:00Z", firstPeriod = "2025", lastPeriod = "2025" },
                new { type = "Table", id = "TAB6471", label = "Döda efter region, ålder (uppnådd under året) och kön (DodaFodelsearKCKM). År 2025-2025", updated = "2026-03-20T07:00:00Z", firstPeriod = "2025", lastPeriod = "2025" },
                new { type = "Table", id = "TAB6472", label = "Flyttningar efter region, ålder och kön (Flyttningar97CKM). År 2025-2025", updated = "2026-03-20T07:00:00Z", firstPeriod = "2025", lastPeriod = "2025" },
            }.Where(t => query is null || t.label.Contains(query, StringComparison.OrdinalIgnoreCase)),
        }));
        app.MapGet("/api/v2/tables/{id}/metadata", (string id) => Tables.Contains(id) ? Results.Text(fake.Metadata(id), "application/json") : NotFound());
        app.MapPost("/api/v2/tables/{id}/data", async (string id, HttpContext context) => await fake.DataAsync(Tables.Contains(id), context, v1: false, id));
        app.MapGet("/v1/" + V1Path, (HttpContext context) =>
            context.Request.QueryString.Value == "?config"
                ? Results.Json(new { maxValues = fake.MaxCells, maxCalls = fake.MaxCalls, timeWindow = fake.WindowSeconds })
                : Results.Text(fake.V1Metadata(Table), "application/json"));
        app.MapGet("/v1/", (HttpContext context) => Results.Json(new { maxValues = fake.MaxCells, maxCalls = fake.MaxCalls, timeWindow = fake.WindowSeconds }));
        // Typed as a Func so that it is not taken for a RequestDelegate, whose result would be dropped.
        app.MapPost("/v1/" + V1Path, (Func<HttpContext, Task<IResult>>)(context => fake.DataAsync(true, context, v1: true)));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        fake.V2 = new Uri(address, "/api/v2/");
        fake.V1 = new Uri(address, "/v1/");
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static IResult NotFound() => Results.Text("<!DOCTYPE html><html><body><h1>404 - Not Found</h1></body></html>", "text/html", statusCode: 404);

    private async Task<IResult> DataAsync(bool known, HttpContext context, bool v1, string tableId = Table)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
        var selection = v1
            ? body["query"]!.AsArray().Select(q => (q!["code"]!.GetValue<string>(), q["selection"]!["values"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray())).ToList()
            : body["selection"]!.AsArray().Select(q => (q!["variableCode"]!.GetValue<string>(), q["valueCodes"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray())).ToList();
        var cells = selection.Aggregate(1L, (n, s) => n * s.Item2.Length);
        if (!_faults.TryDequeue(out var fault))
        {
            fault = Fault.None;
        }

        var status = fault switch
        {
            Fault.TooManyRequests or Fault.TooManyRequestsWithRetryAfter => 429,
            Fault.ServiceUnavailable => 503,
            Fault.HtmlNotFound => 404,
            Fault.TooManyCells => 403,
            _ => known ? (cells > MaxCells ? 403 : 200) : 404,
        };
        Requests.Enqueue((DateTimeOffset.UtcNow, context.Request.Path, cells, status));
        if (v1 && body["response"]?["format"]?.GetValue<string>() != "json-stat2")
        {
            return Results.Text("CHARSET=\"ANSI\";\nAXIS-VERSION=\"2010\";", "text/plain");
        }

        switch (fault)
        {
            case Fault.TooManyRequestsWithRetryAfter:
                context.Response.Headers.RetryAfter = "1";
                return Results.Text("Too many requests", statusCode: 429);
            case Fault.TooManyRequests:
                return Results.Text("Too many requests", statusCode: 429);
            case Fault.ServiceUnavailable:
                return Results.Text("<html>Service Unavailable</html>", "text/html", statusCode: 503);
            case Fault.HtmlNotFound:
                return NotFound();
            case Fault.TooManyCells:
                return Results.Text("Too many cells selected", statusCode: 403);
            case Fault.Slow:
                await Task.Delay(SlowDelay, context.RequestAborted);
                break;
        }

        if (!known)
        {
            return NotFound();
        }

        if (cells > MaxCells)
        {
            return Results.Text($"Too many cells selected: {cells} > {MaxCells}", statusCode: 403);
        }

        var contents = selection.FirstOrDefault(s => s.Item1 == "ContentsCode").Item2 ?? [];
        if (contents.Except(ContentsOf(tableId)).FirstOrDefault() is { } foreign)
        {
            return Results.Text($"Non-existent value '{foreign}' for variable ContentsCode", statusCode: 400);
        }

        var json = Data(selection, tableId);
        if (fault == Fault.CutOffBody)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return Results.Empty;
        }

        return Results.Text(fault == Fault.Truncated ? json[..(json.Length / 2)] : json, "application/json", Encoding.UTF8);
    }

    private static string Data(List<(string Code, string[] Values)> selection, string tableId)
    {
        var dimension = new JsonObject();
        foreach (var (code, values) in selection)
        {
            dimension[code] = Category(code, values);
        }

        var cellCodes = new List<string[]> { Array.Empty<string>() };
        foreach (var (_, values) in selection)
        {
            cellCodes = cellCodes.SelectMany(prefix => values.Select(v => prefix.Append(v).ToArray())).ToList();
        }

        var document = new JsonObject
        {
            ["version"] = "2.0",
            ["class"] = "dataset",
            ["label"] = "Folkmängd efter region, ålder, kön och år",
            ["source"] = "SCB",
            ["updated"] = "2025-02-21T07:00:00Z",
            ["id"] = new JsonArray(selection.Select(s => (JsonNode)s.Code).ToArray()),
            ["size"] = new JsonArray(selection.Select(s => (JsonNode)s.Values.Length).ToArray()),
            ["dimension"] = dimension,
            ["extension"] = new JsonObject { ["px"] = new JsonObject { ["tableid"] = tableId } },
            ["value"] = new JsonArray(cellCodes.Select(c => (JsonNode)ValueOf(c)).ToArray()),
        };
        return document.ToJsonString();
    }

    private static JsonObject Category(string code, string[] values)
    {
        var index = new JsonObject();
        var labels = new JsonObject();
        for (var i = 0; i < values.Length; i++)
        {
            index[values[i]] = i;
            labels[values[i]] = code == "Region" && values[i] == "1980" ? "Västerås" : values[i];
        }

        return new JsonObject { ["label"] = code.ToLowerInvariant(), ["category"] = new JsonObject { ["index"] = index, ["label"] = labels } };
    }

    private (string Code, string[] Values, bool Elimination)[] Variables(string tableId) =>
    [
        ("Region", Regions, true),
        ("Civilstand", ["OG", "G", "SK", "ÄNKL"], true),
        ("Alder", Ages, false),
        ("Kon", ["1", "2"], false),
        ("ContentsCode", ContentsOf(tableId), false),
        ("Tid", YearsOf(tableId), false),
    ];

    private string Metadata(string tableId)
    {
        var dimension = new JsonObject();
        foreach (var (code, values, elimination) in Variables(tableId))
        {
            var category = Category(code, values);
            category["extension"] = new JsonObject { ["elimination"] = elimination };
            dimension[code] = category;
        }

        return new JsonObject
        {
            ["version"] = "2.0",
            ["class"] = "dataset",
            ["label"] = "Folkmängden efter region, civilstånd, ålder och kön. År 1968-2024",
            ["id"] = new JsonArray(Variables(tableId).Select(v => (JsonNode)v.Code).ToArray()),
            ["size"] = new JsonArray(Variables(tableId).Select(v => (JsonNode)v.Values.Length).ToArray()),
            ["dimension"] = dimension,
        }.ToJsonString();
    }

    private string V1Metadata(string tableId) => JsonSerializer.Serialize(new
    {
        title = "Folkmängden efter region, civilstånd, ålder, kön, tabellinnehåll och år",
        variables = Variables(tableId).Select(v => new { code = v.Code, text = v.Code.ToLowerInvariant(), values = v.Values, valueTexts = v.Values, elimination = v.Elimination, time = v.Code == "Tid" }),
    });
}
