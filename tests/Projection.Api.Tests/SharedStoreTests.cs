using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Projection.Store;
using Projection.Tests;

namespace Projection.Api.Tests;

/// <summary>
/// Two service instances on one PostgreSQL store, as behind a load balancer: what one saves the
/// other serves, a batch posted to one is worked once (by whichever claims it), and its runs are
/// served by both.
/// </summary>
[NonParallelizable]
public sealed class SharedStoreTests
{
    [Test]
    public async Task Two_instances_on_one_PostgreSQL_store_share_scenarios_batches_and_runs()
    {
        using var postgres = new TestPostgres();
        var settings = new Dictionary<string, string> { ["Projection:StorePath"] = postgres.ConnectionString };
        using var first = new ProjectionApplication(settings: settings);
        using var second = new ProjectionApplication(settings: settings);
        using var a = first.CreateClient();
        using var b = second.CreateClient();

        // A scenario saved through one instance is served by the other within its reading interval (2 s).
        using var saved = await a.PostAsJsonAsync("/api/v1/scenarios", new { name = "fler-barn", baseScenario = "main", fertility = new { multiplier = 1.3 } });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Created), await saved.Content.ReadAsStringAsync());
        await Task.Delay(ProjectionCatalog.SavedScenariosInterval + TimeSpan.FromMilliseconds(500));
        using var fromB = await b.GetAsync("/api/v1/projections/1980?scenario=fler-barn&years=2034");
        Assert.That(fromB.StatusCode, Is.EqualTo(HttpStatusCode.OK), await fromB.Content.ReadAsStringAsync());

        // A batch posted to one is worked by one of them, once; both serve its runs.
        const string batch = """{ "name": "delad", "runs": [ { "name": "a", "regions": ["1904"], "horizon": 10 }, { "name": "b", "scenario": "fler-barn", "regions": ["1980"], "horizon": 10 } ] }""";
        using var posted = await a.PostAsync("/api/v1/batches", new StringContent(batch, Encoding.UTF8, "application/json"));
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await posted.Content.ReadAsStringAsync());
        var location = posted.Headers.Location!.ToString();
        var status = await BatchesApiTests.WaitFor(b, location, s => s is "completed" or "failed" or "cancelled");
        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("completed"), status.ToString());

        var run = status.GetProperty("runs")[1].GetProperty("location").GetString()!;
        var servedByA = JsonDocument.Parse(await a.GetStringAsync(run)).RootElement;
        var servedByB = JsonDocument.Parse(await b.GetStringAsync(run)).RootElement;
        Assert.That(servedByB.GetProperty("projections")[0].GetProperty("years").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(servedByA.GetRawText(), Is.EqualTo(servedByB.GetRawText()));
        Assert.That(new RunStore(postgres.ConnectionString).List(), Has.Count.EqualTo(2), "each run stored once");
        Assert.That(new BatchJobStore(postgres.ConnectionString).Find(location.Split('/')[^1])!.Runs, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_refresh_on_one_instance_is_served_by_the_other_within_seconds()
    {
        using var postgres = new TestPostgres();
        await using var fake = await Projection.Scb.Tests.FakeScb.StartAsync();
        fake.MaxCells = 50_000;
        var settings = new Dictionary<string, string>
        {
            ["Projection:StorePath"] = postgres.ConnectionString,
            ["Projection:RefreshApiKey"] = "s3cret",
            ["Projection:RefreshFromYear"] = "2010",
            ["Scb:BaseUrlV2"] = fake.V2.ToString(),
        };
        using var first = new ProjectionApplication(settings: settings);
        using var second = new ProjectionApplication(settings: settings);
        using var a = first.CreateClient();
        using var b = second.CreateClient();
        var before = await b.GetAsync("/api/v1/projections/1980");
        Assert.That(JsonDocument.Parse(await before.Content.ReadAsStringAsync()).RootElement.GetProperty("provenance").EnumerateArray().Select(p => p.GetProperty("source").GetString()), Has.None.StartsWith("SCB tables in the store"));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sources/refresh");
        request.Headers.Add("X-Api-Key", "s3cret");
        using var accepted = await a.SendAsync(request);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var job = await a.GetFromJsonAsync<JsonElement>(accepted.Headers.Location!);
        for (var attempt = 0; attempt < 600 && job.GetProperty("state").GetString() is not ("succeeded" or "failed"); attempt++)
        {
            await Task.Delay(100);
            job = await a.GetFromJsonAsync<JsonElement>(accepted.Headers.Location!);
        }

        Assert.That(job.GetProperty("state").GetString(), Is.EqualTo("succeeded"), job.ToString());

        // The other instance did not refresh; it sees the store's new tables and serves them too, with a new ETag.
        await Task.Delay(ProjectionCatalog.SavedScenariosInterval + TimeSpan.FromMilliseconds(500));
        using var after = await b.GetAsync("/api/v1/projections/1980");
        var provenance = JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("provenance").EnumerateArray().Select(p => p.GetProperty("source").GetString()).ToList();
        Assert.That(provenance, Has.Some.StartsWith("SCB tables in the store"));
        Assert.That(after.Headers.ETag, Is.Not.EqualTo(before.Headers.ETag));
        var regions = JsonDocument.Parse(await b.GetStringAsync("/api/v1/regions")).RootElement;
        Assert.That(regions.EnumerateArray().Select(r => r.GetProperty("baseAgesObserved").GetBoolean()), Is.All.True, "SCB's own ages now");
        before.Dispose();
    }
}
