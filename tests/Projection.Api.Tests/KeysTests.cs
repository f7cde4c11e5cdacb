using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Projection.Store;
using Projection.Tests;

namespace Projection.Api.Tests;

/// <summary>Reads are open; writes need a key, and what a key made only it (or an admin key) may delete or cancel.</summary>
public class KeysTests
{
    [Test]
    public async Task Writing_without_a_key_is_a_401_problem_that_says_how_to_get_one_and_reading_needs_none()
    {
        using var app = new ProjectionApplication();
        using var anonymous = app.CreateAnonymousClient();

        using var saved = await anonymous.PostAsJsonAsync("/api/v1/scenarios", new { name = "utan-nyckel" });
        using var batch = await anonymous.PostAsJsonAsync("/api/v1/batches", new { name = "b", runs = new[] { new { name = "r" } } });
        using var read = await anonymous.GetAsync("/api/v1/scenarios");

        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(saved.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await saved.Content.ReadAsStringAsync(), Does.Contain("projection keys create"));
        Assert.That(batch.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await read.Content.ReadAsStringAsync(), Does.Not.Contain("utan-nyckel"), "nothing was saved");
    }

    [Test]
    public async Task A_saved_scenario_is_deleted_by_its_key_or_an_admin_and_not_by_another()
    {
        using var store = new TemporaryStore();
        var keys = new ApiKeyStore(store.Path);
        var other = keys.Create("another team", [ApiKeyStore.Write], DateTimeOffset.UtcNow).Secret;
        var admin = keys.Create("region", [ApiKeyStore.Admin], DateTimeOffset.UtcNow).Secret;
        using var app = new ProjectionApplication(settings: new Dictionary<string, string> { ["Projection:StorePath"] = store.Path });
        using var owner = app.CreateClient();
        using var stranger = WithKey(app, other);
        using var administrator = WithKey(app, admin);

        (await owner.PostAsJsonAsync("/api/v1/scenarios", new { name = "min", fertility = new { multiplier = 1.1 } })).EnsureSuccessStatusCode();
        (await owner.PostAsJsonAsync("/api/v1/scenarios", new { name = "andra", fertility = new { multiplier = 0.9 } })).EnsureSuccessStatusCode();

        using var refused = await stranger.DeleteAsync("/api/v1/scenarios/min");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using var own = await owner.DeleteAsync("/api/v1/scenarios/min");
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var byAdmin = await administrator.DeleteAsync("/api/v1/scenarios/andra");
        Assert.That(byAdmin.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var shipped = await administrator.DeleteAsync("/api/v1/scenarios/main");
        Assert.That(shipped.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the shipped scenarios stay");

        var names = (await owner.GetFromJsonAsync<JsonElement>("/api/v1/scenarios")).EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.That(names, Is.EquivalentTo(new[] { "high", "low", "main" }));
        using var gone = await owner.GetAsync("/api/v1/projections/1980?scenario=min");
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a deleted scenario is no longer projected");
    }

    [Test]
    public async Task A_batch_is_cancelled_by_its_key_and_not_by_another()
    {
        using var store = new TemporaryStore();
        var other = new ApiKeyStore(store.Path).Create("another team", [ApiKeyStore.Write], DateTimeOffset.UtcNow).Secret;
        using var app = new ProjectionApplication(settings: new Dictionary<string, string> { ["Projection:StorePath"] = store.Path });
        using var owner = app.CreateClient();
        using var stranger = WithKey(app, other);
        using var submitted = await owner.PostAsJsonAsync("/api/v1/batches", new { name = "lang", runs = Enumerable.Range(0, 20).Select(i => new { name = $"r{i}", horizon = 100 - i }).ToArray() });
        Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await submitted.Content.ReadAsStringAsync());

        using var refused = await stranger.DeleteAsync(submitted.Headers.Location);
        using var cancelled = await owner.DeleteAsync(submitted.Headers.Location);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task Each_key_keeps_at_most_its_quota_of_saved_scenarios_and_an_admin_key_has_none()
    {
        using var store = new TemporaryStore();
        var admin = new ApiKeyStore(store.Path).Create("region", [ApiKeyStore.Admin], DateTimeOffset.UtcNow).Secret;
        using var app = new ProjectionApplication(settings: new Dictionary<string, string> { ["Projection:StorePath"] = store.Path, ["Projection:MaxSavedScenariosPerKey"] = "2" });
        using var planner = app.CreateClient();
        using var administrator = WithKey(app, admin);

        using var first = await planner.PostAsJsonAsync("/api/v1/scenarios", new { name = "ett" });
        using var second = await planner.PostAsJsonAsync("/api/v1/scenarios", new { name = "tva" });
        using var third = await planner.PostAsJsonAsync("/api/v1/scenarios", new { name = "tre" });
        Assert.That((first.StatusCode, second.StatusCode), Is.EqualTo((HttpStatusCode.Created, HttpStatusCode.Created)));
        Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await third.Content.ReadAsStringAsync(), Does.Contain("MaxSavedScenariosPerKey").And.Contain("delete one"));

        using var byAdmin = await administrator.PostAsJsonAsync("/api/v1/scenarios", new { name = "regionens" });
        Assert.That(byAdmin.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        // Deleting one frees its place.
        using var deleted = await planner.DeleteAsync("/api/v1/scenarios/ett");
        using var again = await planner.PostAsJsonAsync("/api/v1/scenarios", new { name = "tre" });
        Assert.That((deleted.StatusCode, again.StatusCode), Is.EqualTo((HttpStatusCode.NoContent, HttpStatusCode.Created)));
    }

    [Test]
    public async Task Each_key_may_have_at_most_its_quota_of_batches_waiting_or_running()
    {
        using var store = new TemporaryStore();
        var jobs = new BatchJobStore(store.Path);
        using var app = new ProjectionApplication(settings: new Dictionary<string, string> { ["Projection:StorePath"] = store.Path, ["Projection:MaxActiveBatchesPerKey"] = "1" });
        using var planner = app.CreateClient();
        var key = new ApiKeyStore(store.Path).Find(app.WriteKey)!.Id;

        // A cancelled batch of this key does not count; one running (its run held by a busy worker elsewhere) does.
        jobs.Add("waiting", """{"name":"waiting","runs":[{"name":"a","horizon":5}]}""", DateTimeOffset.UtcNow.AddYears(1), key);
        jobs.RequestCancel(jobs.Workable().Single().Id, DateTimeOffset.UtcNow);
        var queued = jobs.Add("queued", """{"name":"queued","runs":[{"name":"a","horizon":5}]}""", DateTimeOffset.UtcNow.AddYears(1), key);
        jobs.Start(queued.Id, DateTimeOffset.UtcNow);
        jobs.ClaimRun(queued.Id, "a", "busy-elsewhere", DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

        using var refused = await planner.PostAsJsonAsync("/api/v1/batches", new { name = "one-more", runs = new[] { new { name = "r", horizon = 5 } } });

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("MaxActiveBatchesPerKey"));
    }

    private static HttpClient WithKey(ProjectionApplication app, string key)
    {
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add(Hosting.ApiKeys.Header, key);
        return client;
    }
}
