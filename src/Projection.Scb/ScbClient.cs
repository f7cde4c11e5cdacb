using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Projection.Scb;

/// <summary>
/// A typed HttpClient for SCB's PxWeb APIs (v2, or v1 as the fallback). Every call is paced by
/// the shared <see cref="CallPacer"/> and made resilient by the pipeline declared where the
/// client is registered (<see cref="ScbServiceCollectionExtensions"/>). Large queries are split
/// under SCB's cell limit and their parts merged into one table.
/// </summary>
public sealed class ScbClient(HttpClient http, IOptions<ScbClientOptions> options, CallPacer pacer, FetchCounters counters)
{
    private readonly ScbClientOptions _options = options.Value;

    public ScbApiVersion Api => _options.Api;

    /// <summary>Reads SCB's limits (v2 <c>config</c>, v1 <c>?config</c>) into the pacer; falls back to <see cref="ScbApiLimits.Fallback"/> when they cannot be read.</summary>
    public async Task<ScbApiLimits> ReadLimitsAsync(CancellationToken cancellationToken)
    {
        ScbApiLimits limits;
        try
        {
            var path = _options.Api == ScbApiVersion.V2 ? "config" : "?config";
            var body = await GetStringAsync(path, "configuration", cancellationToken).ConfigureAwait(false);
            limits = ScbApiLimits.Parse(body, "configuration");
        }
        catch (Exception e) when (e is ScbFormatException or ScbRequestException or HttpRequestException)
        {
            limits = ScbApiLimits.Fallback;
        }

        pacer.Configure(limits);
        return limits;
    }

    /// <summary>
    /// Searches SCB's tables (v2 <c>GET /tables?query=</c>), so that a table id need not be taken on
    /// trust: for example <c>FoddaK</c> or <c>Flyttningar97</c> finds the births and migration tables.
    /// </summary>
    public async Task<IReadOnlyList<ScbTableInfo>> FindTablesAsync(string query, CancellationToken cancellationToken)
    {
        if (_options.Api != ScbApiVersion.V2)
        {
            throw new NotSupportedException("Table search is a PxWebApi 2.0 feature; v1 tables are addressed by path.");
        }

        var body = await GetStringAsync($"tables?query={Uri.EscapeDataString(query)}&lang={_options.Language}&pageSize=100", $"table search '{query}'", cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("tables", out var tables))
            {
                throw new ScbFormatException($"table search '{query}': no 'tables' in the answer.");
            }

            return tables.EnumerateArray().Select(t => new ScbTableInfo(
                t.GetProperty("id").GetString() ?? "",
                t.TryGetProperty("label", out var label) ? label.GetString() ?? "" : "",
                t.TryGetProperty("updated", out var updated) && DateTimeOffset.TryParse(updated.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) ? when : null,
                t.TryGetProperty("firstPeriod", out var first) ? first.GetString() : null,
                t.TryGetProperty("lastPeriod", out var last) ? last.GetString() : null)).ToList();
        }
        catch (JsonException e)
        {
            throw new ScbFormatException($"table search '{query}': the answer is not complete JSON ({e.Message}).", e);
        }
    }

    /// <summary>The table's variables and their value codes, as SCB describes them.</summary>
    public async Task<IReadOnlyList<ScbDimension>> GetMetadataAsync(string tableId, CancellationToken cancellationToken)
    {
        var path = _options.Api == ScbApiVersion.V2
            ? $"tables/{Uri.EscapeDataString(tableId)}/metadata?lang={_options.Language}&outputFormat=json-stat2"
            : tableId;
        var body = await GetStringAsync(path, $"metadata of {tableId}", cancellationToken).ConfigureAwait(false);
        return _options.Api == ScbApiVersion.V2 ? JsonStat2.ParseMetadata(body, $"metadata of {tableId}") : JsonStat2.ParseV1Metadata(body, $"metadata of {tableId}");
    }

    /// <summary>Fetches a query, split under SCB's cell limit and merged; the result has every cell the query asked for, or the call fails.</summary>
    public async Task<ScbTable> GetTableAsync(ScbQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!pacer.IsConfigured)
        {
            await ReadLimitsAsync(cancellationToken).ConfigureAwait(false);
        }

        var parts = new List<ScbTable>();
        foreach (var part in QuerySplitter.Split(query, pacer.Limits.MaxCells))
        {
            var body = await PostAsync(part, cancellationToken).ConfigureAwait(false);
            var table = JsonStat2.Parse(body, part.ToString());
            counters.CountCells(table.Values.Length);
            parts.Add(table);
        }

        return Merge(query, parts);
    }

    private async Task<string> PostAsync(ScbQuery query, CancellationToken cancellationToken)
    {
        var path = _options.Api == ScbApiVersion.V2
            ? $"tables/{Uri.EscapeDataString(query.TableId)}/data?lang={_options.Language}&outputFormat=json-stat2"
            : query.TableId;
        using var content = JsonContent.Create(Body(query));
        using var response = await http.PostAsync(path, content, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, query.ToString(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> GetStringAsync(string path, string what, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, what, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var detail = body.TrimStart().StartsWith('<') ? "an HTML error page" : body.Length > 300 ? body[..300] : body;
            throw new ScbRequestException($"SCB answered {(int)response.StatusCode} {response.ReasonPhrase} for {what}: {detail}", response.StatusCode);
        }

        return body;
    }

    /// <summary>The request body: v2 <c>{"selection": [...]}</c>; v1 <c>{"query": [...], "response": {"format": "json-stat2"}}</c> (SCB answers PX without it).</summary>
    private JsonObject Body(ScbQuery query)
    {
        if (_options.Api == ScbApiVersion.V2)
        {
            return new JsonObject
            {
                ["selection"] = new JsonArray(query.Selection.Select(v => (JsonNode)new JsonObject
                {
                    ["variableCode"] = v.Key,
                    ["valueCodes"] = new JsonArray(v.Value.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
                }).ToArray()),
            };
        }

        return new JsonObject
        {
            ["query"] = new JsonArray(query.Selection.Select(v => (JsonNode)new JsonObject
            {
                ["code"] = v.Key,
                ["selection"] = new JsonObject
                {
                    ["filter"] = "item",
                    ["values"] = new JsonArray(v.Value.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
                },
            }).ToArray()),
            ["response"] = new JsonObject { ["format"] = "json-stat2" },
        };
    }

    /// <summary>Puts the parts of a split query back into one table in the query's order; a missing cell fails the whole table.</summary>
    public static ScbTable Merge(ScbQuery query, IReadOnlyList<ScbTable> parts)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var first = parts[0];
        var dimensions = first.Dimensions.Select(d =>
        {
            var selected = query.Selection.FirstOrDefault(v => v.Key == d.Id).Value;
            var labels = parts.SelectMany(p => p.Dimension(d.Id).Labels).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
            return d with { Codes = selected ?? d.Codes, Labels = labels };
        }).ToList();
        var values = new double[dimensions.Aggregate(1, (n, d) => n * d.Codes.Count)];
        Array.Fill(values, double.NaN);
        var filled = new bool[values.Length];
        var merged = new ScbTable(first.TableId, first.Label, parts.Max(p => p.Updated), dimensions, values, new Dictionary<int, string>(), first.Notes);
        foreach (var part in parts)
        {
            foreach (var (codes, value) in part.Cells())
            {
                var index = merged.IndexOf(codes);
                values[index] = value;
                filled[index] = true;
            }
        }

        var missing = Array.IndexOf(filled, false);
        if (missing >= 0)
        {
            throw new ScbFormatException($"{query}: the split responses do not cover every cell (first gap at cell {missing.ToString(CultureInfo.InvariantCulture)}).");
        }

        return merged;
    }
}
