using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Projection.Scb.Tests;

namespace Projection.Api.Tests;

public class SourcesApiTests
{
    [Test]
    public async Task Without_a_configured_key_refreshing_is_off()
    {
        using var app = new ProjectionApplication();
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/api/v1/sources/refresh", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Refreshing is off"));
    }

    [TestCase(null)]
    [TestCase("wrong")]
    public async Task A_missing_or_wrong_key_is_401(string? key)
    {
        using var app = new ProjectionApplication(settings: new Dictionary<string, string> { ["Projection:RefreshApiKey"] = "s3cret" });
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sources/refresh");
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task A_refresh_runs_in_the_background_from_SCB_into_the_store_and_reports_at_its_status_URL()
    {
        await using var fake = await FakeScb.StartAsync();
        fake.MaxCells = 50_000;
        using var app = new ProjectionApplication(settings: new Dictionary<string, string>
        {
            ["Projection:RefreshApiKey"] = "s3cret",
            ["Projection:RefreshFromYear"] = "2010",
            ["Scb:BaseUrlV2"] = fake.V2.ToString(),
        });
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sources/refresh");
        request.Headers.Add("X-Api-Key", "s3cret");

        using var accepted = await client.SendAsync(request);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var location = accepted.Headers.Location!;

        JsonElement job = default;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            job = await client.GetFromJsonAsync<JsonElement>(location);
            if (job.GetProperty("state").GetString() is "succeeded" or "failed")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.That(job.GetProperty("state").GetString(), Is.EqualTo("succeeded"), job.ToString());
        Assert.That(job.GetProperty("tables").EnumerateArray().Select(t => t.GetString()), Has.Some.StartsWith("population (TAB638): added"));
        Assert.That(fake.Requests.Select(r => r.Cells), Is.All.LessThanOrEqualTo(50_000));

        // The projections now start from SCB's own tables, and say so.
        var projection = await client.GetFromJsonAsync<JsonElement>("/api/v1/projections/1980");
        var provenance = projection.GetProperty("provenance").EnumerateArray().Select(p => p.GetProperty("source").GetString()).ToList();
        Assert.That(provenance, Has.Some.StartsWith("SCB tables in the store"));
    }

    [Test]
    public async Task A_refresh_the_service_cannot_project_from_fails_with_the_reason_stores_nothing_and_says_so()
    {
        await using var fake = await FakeScb.StartAsync();
        fake.MaxCells = 50_000;
        fake.Regions = ["19", "1904", "1980"]; // two of the county's ten municipalities
        using var app = new ProjectionApplication(settings: new Dictionary<string, string>
        {
            ["Projection:RefreshApiKey"] = "s3cret",
            ["Projection:RefreshFromYear"] = "2010",
            ["Scb:BaseUrlV2"] = fake.V2.ToString(),
        });
        using var client = app.CreateClient();
        var before = await client.GetStringAsync("/api/v1/projections/1980");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sources/refresh");
        request.Headers.Add("X-Api-Key", "s3cret");
        using var accepted = await client.SendAsync(request);

        JsonElement job = default;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            job = await client.GetFromJsonAsync<JsonElement>(accepted.Headers.Location!);
            if (job.GetProperty("state").GetString() is "succeeded" or "failed")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.That(job.GetProperty("state").GetString(), Is.EqualTo("failed"), job.ToString());
        Assert.That(job.GetProperty("error").GetString(), Does.Contain("cannot be projected from").And.Contain("2 of the county's 10"));
        var projection = await client.GetFromJsonAsync<JsonElement>("/api/v1/projections/1980");
        var warning = projection.GetProperty("provenance").EnumerateArray().Single(p => p.GetProperty("status").GetString() == "warning");
        Assert.That(warning.GetProperty("method").GetString(), Does.Contain("failed").And.Contain("before"));
        Assert.That(projection.GetProperty("years").ToString(), Is.EqualTo(JsonDocument.Parse(before).RootElement.GetProperty("years").ToString()), "the same numbers as before the refresh");
        var ready = await client.GetStringAsync("/health/ready");
        Assert.That(ready, Is.EqualTo("Degraded"));
    }
}
