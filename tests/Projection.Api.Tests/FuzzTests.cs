using System.Globalization;
using System.Text;
using System.Text.Json;

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
