using System.Net;
using System.Text;
using System.Text.Json;
using Projection.Store;
using Projection.Tests;

namespace Projection.Api.Tests;

public class BatchesApiTests : ApplicationFixture
{
    private const string SmallBatch = """
        {
          "name": "planning",
          "runs": [
            { "name": "main", "regions": ["19", "1980"] },
            { "name": "fewer-births", "scenario": "main", "overrides": { "fertility": { "multiplier": 0.9 } }, "regions": ["1904"], "horizon": 10 },
            { "name": "uncertain", "regions": ["19"], "trajectories": 200, "seed": 42 }
          ]
        }
        """;

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    internal static async Task<JsonElement> WaitFor(HttpClient client, string location, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var status = JsonDocument.Parse(await client.GetStringAsync(location)).RootElement.Clone();
            if (done(status.GetProperty("state").GetString()!) || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(50);
        }
    }

    [Test]
    public async Task A_batch_is_accepted_worked_through_and_its_runs_are_served_by_id()
    {
        using var response = await Client.PostAsync("/api/v1/batches", Json(SmallBatch));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.ToString();
        Assert.That(location, Does.StartWith("/api/v1/batches/"));

        var status = await WaitFor(Client, location, s => s is "completed" or "failed" or "cancelled");
        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("completed"), status.ToString());
        Assert.That(status.GetProperty("finished").GetInt32(), Is.EqualTo(3));
        var runs = status.GetProperty("runs").EnumerateArray().ToList();
        Assert.That(runs.Select(r => r.GetProperty("state").GetString()), Is.All.EqualTo("done"));

        var uncertain = JsonDocument.Parse(await Client.GetStringAsync(runs[2].GetProperty("location").GetString())).RootElement;
        Assert.That(uncertain.GetProperty("specification").GetProperty("trajectories").GetInt32(), Is.EqualTo(200));
        var projection = uncertain.GetProperty("projections")[0];
        Assert.That(projection.GetProperty("uncertainty").GetProperty("seed").GetInt64(), Is.EqualTo(42));

        var fewer = JsonDocument.Parse(await Client.GetStringAsync(runs[1].GetProperty("location").GetString())).RootElement;
        Assert.That(fewer.GetProperty("projections")[0].GetProperty("years").EnumerateArray().Last().GetProperty("year").GetInt32(), Is.EqualTo(2034));
        var csv = await Client.GetStringAsync(runs[0].GetProperty("location").GetString() + "?format=csv");
        Assert.That(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), Has.Length.GreaterThan(2 * 31));

        // For Swedish Excel, as a projection is: the same rows, Swedish headers and semicolons, whole persons.
        var excel = await Client.GetStringAsync(runs[0].GetProperty("location").GetString() + "?format=csv-excel");
        var excelRows = excel.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(excelRows, Has.Length.EqualTo(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length));
        Assert.That(excelRows[0], Does.StartWith("Regionkod;Region;Scenario;År;Observerat;Folkmängd;"));
        Assert.That(excelRows.Last().Split(';')[5], Does.Match(@"^\d+$"), "the total in whole persons");

        // The same batch again: every run is found in the store, by content.
        using var again = await Client.PostAsync("/api/v1/batches", Json(SmallBatch));
        var second = await WaitFor(Client, again.Headers.Location!.ToString(), s => s is "completed" or "failed");
        Assert.That(second.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()), Is.EqualTo(runs.Select(r => r.GetProperty("runId").GetString())));
        var listed = JsonDocument.Parse(await Client.GetStringAsync("/api/v1/runs")).RootElement;
        Assert.That(listed.EnumerateArray().Count(r => r.GetProperty("batch").GetString() == "planning"), Is.EqualTo(3));
    }

    [Test]
    public async Task An_invalid_batch_is_a_problem_naming_each_run_and_field_and_nothing_is_queued()
    {
        using var response = await Client.PostAsync("/api/v1/batches", Json("""
            { "name": "bad", "runs": [ { "name": "a", "scenario": "nosuch" }, { "name": "b", "regions": ["0000"], "trajectories": 0 } ] }
            """));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.SupersetOf(new[] { "runs[0].scenario", "runs[1].regions", "runs[1].trajectories" }));

        using var malformed = await Client.PostAsync("/api/v1/batches", Json("""{ "name": "bad", "runz": [] }"""));
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var missing = await Client.GetAsync("/api/v1/batches/0123456789abcdef");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var unknownRun = await Client.GetAsync("/api/v1/runs/0123456789abcdef");
        Assert.That(unknownRun.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_batch_takes_regions_by_name_as_a_custom_projection_does_and_an_empty_entry_is_named()
    {
        // "Uppsala" had been refused as "unknown region 'Uppsala' …; nearest: Uppsala (0380)", and
        // a null among the regions was a 500.
        using var empty = await Client.PostAsync("/api/v1/batches", Json("""{ "name": "empty", "runs": [ { "name": "a", "regions": [null, "19"] } ] }"""));
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await empty.Content.ReadAsStringAsync());
        var errors = JsonDocument.Parse(await empty.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.That(errors.GetProperty("runs[0].regions")[0].GetString(), Does.StartWith("holds an empty entry"));

        using var twice = await Client.PostAsync("/api/v1/batches", Json("""{ "name": "twice", "runs": [ { "name": "a", "regions": ["19", "Västmanlands län"] } ] }"""));
        Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the same county by code and by name is listed twice");

        using var response = await Client.PostAsync("/api/v1/batches", Json("""{ "name": "by-name", "runs": [ { "name": "a", "regions": ["Uppsala", "Habo", "Västmanlands län"], "horizon": 2 } ] }"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var status = await WaitFor(Client, response.Headers.Location!.ToString(), s => s is "completed" or "failed");
        var run = JsonDocument.Parse(await Client.GetStringAsync(status.GetProperty("runs")[0].GetProperty("location").GetString())).RootElement;
        Assert.That(run.GetProperty("projections").EnumerateArray().Select(p => p.GetProperty("region").GetString()), Is.EqualTo(new[] { "0380", "0643", "19" }));
    }

    [TestCase("[1, 2, 3]", "body, line 1: the document must be an object of the documented shape.")]
    [TestCase("""{ "name": "b", "runs": [ { "name": "r", "horizon": "ten" } ] }""", "body, line 1: runs[0].horizon: must be a whole number.")]
    public async Task A_batch_that_is_not_the_documented_shape_is_said_of_its_field_or_of_the_whole(string body, string message)
    {
        using var response = await Client.PostAsync("/api/v1/batches", Json(body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.That(errors.GetProperty("body")[0].GetString(), Is.EqualTo(message));
    }

    [Test]
    public async Task A_running_batch_can_be_cancelled_and_keeps_the_runs_it_finished()
    {
        var runs = string.Join(",", Enumerable.Range(1, 40).Select(i => $$"""{ "name": "r{{i}}", "regions": ["19"], "trajectories": 3000, "seed": {{1000 + i}} }"""));
        using var response = await Client.PostAsync("/api/v1/batches", Json($$"""{ "name": "long", "runs": [ {{runs}} ] }"""));
        var location = response.Headers.Location!.ToString();
        await WaitFor(Client, location, s => s == "running");

        using var cancel = await Client.DeleteAsync(location);
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var status = await WaitFor(Client, location, s => s is "cancelled" or "completed");

        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("cancelled"));
        Assert.That(status.GetProperty("finished").GetInt32(), Is.LessThan(40));
        foreach (var run in status.GetProperty("runs").EnumerateArray().Where(r => r.GetProperty("state").GetString() == "done"))
        {
            using var stored = await Client.GetAsync(run.GetProperty("location").GetString());
            Assert.That(stored.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task A_job_left_running_by_a_crash_is_picked_up_again_at_start()
    {
        using var store = new TemporaryStore();
        var jobs = new BatchJobStore(store.Path);
        var job = jobs.Add("crashed", """{ "name": "crashed", "runs": [ { "name": "main", "regions": ["1980"] }, { "name": "low", "scenario": "low", "regions": ["1980"] } ] }""", DateTimeOffset.UtcNow);
        jobs.SetState(job.Id, BatchJobStore.Running, DateTimeOffset.UtcNow);

        using var app = new ProjectionApplication(settings: new Dictionary<string, string> { ["Projection:StorePath"] = store.Path });
        using var client = app.CreateClient();
        var status = await WaitFor(client, $"/api/v1/batches/{job.Id}", s => s is "completed" or "failed" or "cancelled");

        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("completed"), status.ToString());
        Assert.That(status.GetProperty("finished").GetInt32(), Is.EqualTo(2));
    }
}
