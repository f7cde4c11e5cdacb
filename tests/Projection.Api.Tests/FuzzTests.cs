using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Projection.Api.Tests;

/// <summary>
/// Generated requests against the real service on Kestrel, from a fixed seed: odd regions, years,
/// formats and query parameters; JSON bodies with extreme, missing, misspelt, null and mistyped
/// fields. Whatever comes in, the service never answers 5xx, never cuts a body off, and every
/// refusal is a problem document.
/// </summary>
public class FuzzTests
{
    private static readonly string[] Regions = ["19", "1980", "1904", "vasteras", "Västerås", "0000", "abc", "%20", "19' OR 1=1", new string('9', 300), "..%2F..", "1984"];
    private static readonly string[] Values = ["", "0", "-1", "1", "2", "30", "100", "2024", "2054", "99999999999", "1e9", "abc", "NaN", "null", "main", "high", "csv", "csv-excel", "json", "xml", "%00", "ÅÄÖ"];
    private static readonly string[] Parameters = ["scenario", "from", "to", "format", "trajectories", "seed", "year", "fertilty", "x"];
    private static readonly string[] Fields = ["name", "baseScenario", "horizon", "fertility", "mortality", "migration", "regions", "trajectories", "seed", "fertilty", "runs", "description"];

    [Test]
    public async Task Two_thousand_generated_requests_get_no_5xx_no_cut_off_body_and_problem_documents_for_refusals()
    {
        using var app = new ProjectionApplication(customProjectionsPerMinute: 1_000_000, settings: new Dictionary<string, string> { ["Projection:StochasticRequestsPerMinute"] = "1000000" });
        using var client = app.CreateClient();
        var random = new Random(20261201);
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < 2000; i++)
        {
            using var request = Generate(random);
            var described = $"{request.Method} {request.RequestUri} {(request.Content is null ? "" : await request.Content.ReadAsStringAsync())}";
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsByteArrayAsync();

            Assert.That(status, Is.LessThan(500), described);
            if (status == 400 && response.Content.Headers.ContentType is null && body.Length == 0)
            {
                // Kestrel itself refuses a request line it cannot parse (a NUL in the path) before the application sees it.
                Assert.That(request.RequestUri!.OriginalString, Does.Contain("%00"), described);
                continue;
            }

            var type = response.Content.Headers.ContentType?.MediaType;
            if (status >= 400)
            {
                Assert.That(type, Is.EqualTo("application/problem+json"), described);
            }

            if (type is "application/json" or "application/problem+json")
            {
                Assert.That(() => JsonDocument.Parse(body), Throws.Nothing, $"a whole JSON body: {described}");
            }

            if (response.Content.Headers.ContentLength is { } length)
            {
                Assert.That(body.LongLength, Is.EqualTo(length), described);
            }
        }

        TestContext.Out.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        Assert.That(statuses.Keys, Has.Some.EqualTo(200).And.Some.EqualTo(400), "the generator reaches both answers");
    }

    /// <summary>A valid body of each kind that is posted: every field, nested ones and array entries included, is then replaced in turn.</summary>
    private static readonly (string Path, string Body)[] ValidBodies =
    [
        ("/api/v1/projections", """{"name":"m","baseScenario":"main","horizon":5,"fertility":{"targetTfr":1.8,"yearsToTarget":5},"mortality":{"multiplier":1,"annualImprovement":0.01},"migration":{"domesticIn":1,"domesticOut":1,"immigration":1.2,"emigration":1},"regions":["19","1980"],"trajectories":10,"seed":3}"""),
        ("/api/v1/scenarios", """{"name":"mutated","baseScenario":"main","horizon":5,"description":"d","fertility":{"multiplier":1.1},"mortality":{"annualImprovement":0.01},"migration":{"immigration":1.2},"migrationSource":"baseline"}"""),
        ("/api/v1/batches", """{"name":"mutated","runs":[{"name":"a","scenario":"main","regions":["19","1904"],"overrides":{"fertility":{"multiplier":0.9},"mortality":{"annualImprovement":0.01},"migration":{"immigration":1}},"horizon":3,"trajectories":5,"seed":1}]}"""),
    ];

    /// <summary>What each field is replaced by: every JSON kind, empty and nested nulls, extremes.</summary>
    private static readonly string[] Replacements = ["null", "[]", "{}", "\"\"", "-1", "0", "1e308", "\"x\"", "[null]", "true", "9223372036854775808", "[1]", "{\"a\":null}"];

    [Test]
    public async Task Every_field_of_every_posted_body_replaced_by_every_kind_of_value_gets_no_5xx()
    {
        // Random bodies had never put a null among a batch run's regions, which was a 500; this
        // replaces each field in turn, so that no position of a body is left out.
        using var app = new ProjectionApplication(customProjectionsPerMinute: 1_000_000, settings: new Dictionary<string, string> { ["Projection:StochasticRequestsPerMinute"] = "1000000" });
        using var client = app.CreateClient();
        var answered = 0;
        foreach (var (path, body) in ValidBodies)
        {
            using (var valid = await client.SendAsync(Post(path, body)))
            {
                Assert.That((int)valid.StatusCode, Is.InRange(200, 299), $"the unchanged body is valid: {path} {await valid.Content.ReadAsStringAsync()}");
            }

            await DeleteSaved(client, path, body);
            foreach (var pointer in Positions(JsonNode.Parse(body)!))
            {
                foreach (var replacement in Replacements)
                {
                    var mutated = Replaced(body, pointer, replacement);
                    using var response = await client.SendAsync(Post(path, mutated));
                    var status = (int)response.StatusCode;
                    Assert.That(status, Is.LessThan(500), $"POST {path} {mutated}: {await response.Content.ReadAsStringAsync()}");
                    if (status >= 400)
                    {
                        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), $"POST {path} {mutated}");
                    }

                    await DeleteSaved(client, path, mutated);
                    answered++;
                }
            }
        }

        TestContext.Out.WriteLine($"{answered} mutated bodies answered");
    }

    /// <summary>Every position in a JSON document, as the steps to it (names and indices).</summary>
    private static IEnumerable<object[]> Positions(JsonNode node, object[]? at = null)
    {
        at ??= [];
        if (at.Length > 0)
        {
            yield return at;
        }

        var children = node switch
        {
            JsonObject o => o.Select(p => ((object)p.Key, p.Value)),
            JsonArray a => a.Select((v, i) => ((object)i, v)),
            _ => [],
        };
        foreach (var (step, child) in children)
        {
            foreach (var position in child is null ? [[.. at, step]] : Positions(child, [.. at, step]))
            {
                yield return position;
            }
        }
    }

    private static string Replaced(string body, object[] position, string replacement)
    {
        var root = JsonNode.Parse(body)!;
        var parent = position[..^1].Aggregate(root, (node, step) => step is int i ? node[i]! : node[(string)step]!);
        var value = JsonNode.Parse(replacement);
        if (position[^1] is int index)
        {
            parent.AsArray()[index] = value;
        }
        else
        {
            parent.AsObject()[(string)position[^1]] = value;
        }

        return root.ToJsonString();
    }

    /// <summary>A scenario saved by a mutated body is deleted again, so that the next one's name is free.</summary>
    private static async Task DeleteSaved(HttpClient client, string path, string body)
    {
        if (path == "/api/v1/scenarios" && JsonNode.Parse(body) is JsonObject { } o && o["name"] is JsonValue name && name.TryGetValue<string>(out var saved))
        {
            using var _ = await client.DeleteAsync($"/api/v1/scenarios/{Uri.EscapeDataString(saved)}");
        }
    }

    private static HttpRequestMessage Generate(Random random)
    {
        string Pick(string[] from) => from[random.Next(from.Length)];
        string Query()
        {
            var count = random.Next(4);
            return count == 0 ? "" : "?" + string.Join("&", Enumerable.Range(0, count).Select(_ => $"{Pick(Parameters)}={Uri.EscapeDataString(Pick(Values))}"));
        }

        switch (random.Next(7))
        {
            case 0:
            case 1:
                return new HttpRequestMessage(HttpMethod.Get, $"/api/v1/projections/{Pick(Regions)}{Query()}");
            case 2:
                return new HttpRequestMessage(HttpMethod.Get, $"/api/v1/projections/{Pick(Regions)}/{(random.Next(2) == 0 ? "pyramid" : "charts/" + Pick(["total.svg", "pyramid.png", "total.gif"]))}{Query()}");
            case 3:
            case 4:
                return Post("/api/v1/projections", Body(random));
            case 5:
                return Post("/api/v1/scenarios", Body(random));
            default:
                return random.Next(3) switch
                {
                    0 => Post("/api/v1/batches", $$"""{"name":"{{Pick(["b", "", "a b", "x"])}}","runs":[{"name":"r","horizon":{{Pick(["1", "5", "0", "\"x\"", "null"])}},"trajectories":{{Pick(["null", "10", "-5", "100000"])}}}]}"""),
                    1 => new HttpRequestMessage(new HttpMethod(Pick(["GET", "DELETE", "PUT"])), $"/api/v1/{Pick(["runs", "batches", "scenarios", "regions", "nothing"])}/{Pick(Values)}"),
                    _ => new HttpRequestMessage(HttpMethod.Get, Pick(["/api/v1/regions", "/api/v1/scenarios", "/health/live", "/health/ready", "/api/v1/runs"]) + Query()),
                };
        }
    }

    private static HttpRequestMessage Post(string path, string body) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>A JSON object of some of the fields, with values from plausible to absurd, or plain broken JSON.</summary>
    private static string Body(Random random)
    {
        if (random.Next(12) == 0)
        {
            return random.Next(2) == 0 ? "{\"horizon\": 10," : "[1,2,3]";
        }

        string Number() => random.Next(6) switch
        {
            0 => "0",
            1 => "-3",
            2 => "1e308",
            3 => (random.NextDouble() * 3).ToString("0.###", CultureInfo.InvariantCulture),
            4 => "\"many\"",
            _ => "null",
        };
        string Value(string field) => field switch
        {
            "fertility" => $$"""{"multiplier":{{Number()}}}""",
            "mortality" => $$"""{"multiplier":{{Number()}},"annualImprovement":{{Number()}}}""",
            "migration" => $$"""{"domesticIn":{{Number()}},"domesticOut":{{Number()}},"immigration":{{Number()}},"emigration":{{Number()}}}""",
            "regions" => random.Next(3) == 0 ? "[null]" : "[\"" + string.Join("\",\"", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Regions[random.Next(Regions.Length)].Replace("\"", "", StringComparison.Ordinal))) + "\"]",
            "horizon" => random.Next(2) == 0 ? random.Next(-5, 120).ToString(CultureInfo.InvariantCulture) : Number(),
            "trajectories" => random.Next(3) == 0 ? random.Next(1, 60).ToString(CultureInfo.InvariantCulture) : Number(),
            "runs" => "[]",
            _ => random.Next(2) == 0 ? $"\"{Values[random.Next(Values.Length)]}\"" : Number(),
        };
        var fields = Fields.Where(_ => random.Next(3) == 0).Distinct().ToList();
        return "{" + string.Join(",", fields.Select(f => $"\"{f}\":{Value(f)}")) + "}";
    }
}
