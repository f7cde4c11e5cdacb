using Projection.Store;
using Projection.Tests;

namespace Projection.Cli.Tests;

/// <summary><c>projection worker</c> works the queue the service fills, on SQLite and on PostgreSQL.</summary>
public class WorkerCommandTests
{
    private const string Batch = """{ "name": "queue", "runs": [ { "name": "a", "regions": ["1904"], "horizon": 5 }, { "name": "b", "regions": ["1980"], "horizon": 5 } ] }""";

    [TestCase("sqlite")]
    [TestCase("postgres")]
    public void Queued_batches_are_worked_through_each_run_stored_once_and_the_queue_left_empty(string database)
    {
        using var file = new TemporaryStore();
        using var postgres = database == "postgres" ? new TestPostgres() : null;
        var store = postgres?.ConnectionString ?? file.Path;
        var jobs = new BatchJobStore(store);
        var first = jobs.Add("queue", Batch, DateTimeOffset.UtcNow);
        var second = jobs.Add("queue-again", Batch, DateTimeOffset.UtcNow.AddSeconds(1));

        var outcome = CliProcess.RunWithStore(AppContext.BaseDirectory, store, "worker", "--db", store, "--once");

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
        Assert.That(outcome.Error, Does.Contain("The queue is empty."));
        Assert.That(outcome.Error, Does.Not.Contain("Password"), "the store is named without its password");
        Assert.That(jobs.Find(first.Id)!.State, Is.EqualTo(BatchJobStore.Completed), outcome.Error);
        Assert.That(jobs.Find(second.Id)!.State, Is.EqualTo(BatchJobStore.Completed));
        Assert.That(new RunStore(store).List(), Has.Count.EqualTo(2), "the second batch's runs are the first's: stored once, not computed again");
        Assert.That(jobs.Find(second.Id)!.Runs.Values, Is.EquivalentTo(jobs.Find(first.Id)!.Runs.Values));
    }
}

/// <summary>
/// Two service processes and two worker processes share one batch on PostgreSQL, as behind a load
/// balancer with a worker pool; one worker is killed with SIGKILL in the middle of it.
/// </summary>
[NonParallelizable]
public class WorkerKillTests
{
    [Test]
    public async Task When_one_of_the_workers_is_killed_the_others_finish_and_every_run_is_stored_once_as_one_process_would()
    {
        using var postgres = new TestPostgres();
        var store = postgres.ConnectionString;
        var runs = string.Join(", ", Enumerable.Range(0, 20).Select(i => $$"""{ "name": "r{{i}}", "regions": ["19"], "trajectories": 400, "seed": {{i}} }"""));
        var batch = $$"""{ "name": "delad", "runs": [ {{runs}} ] }""";
        var jobs = new BatchJobStore(store);
        var key = new ApiKeyStore(store).Create("planners", [ApiKeyStore.Write], DateTimeOffset.UtcNow).Secret;

        // The batch is submitted to one service instance; both instances work the queue too.
        using var serviceA = TwoDoorsTests.StartService(store);
        using var serviceB = TwoDoorsTests.StartService(store);
        using var client = new HttpClient { BaseAddress = serviceA.Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var posted = await client.PostAsync("/api/v1/batches", new StringContent(batch, System.Text.Encoding.UTF8, "application/json"));
        Assert.That(posted.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Accepted), await posted.Content.ReadAsStringAsync());
        var job = jobs.Find(posted.Headers.Location!.ToString().Split('/')[^1])!;

        using var first = Start(store);
        using var second = Start(store);
        try
        {
            // Kill the first in the middle of the batch: some runs stored, others still to do.
            Wait(() => jobs.Find(job.Id)!.Runs.Count >= 3, "three runs stored");
            first.Kill();
            first.WaitForExit();
            Wait(() => jobs.Find(job.Id)!.State == BatchJobStore.Completed, "the batch completed by the survivor");
        }
        finally
        {
            foreach (var worker in new[] { first, second })
            {
                if (!worker.HasExited)
                {
                    worker.Kill(entireProcessTree: true);
                }
            }
        }

        var finished = jobs.Find(job.Id)!;
        var stored = new RunStore(store).List();
        Assert.That(finished.Runs, Has.Count.EqualTo(20));
        Assert.That(stored, Has.Count.EqualTo(20), "each run stored exactly once");

        // The same batch in one process, on its own store: the same runs, number for number.
        using var alone = new TemporaryStore();
        var directory = Directory.CreateTempSubdirectory("projection-batch-").FullName;
        var file = Path.Combine(directory, "delad.json");
        File.WriteAllText(file, batch);
        var single = CliProcess.RunWithStore(directory, alone.Path, "batch", file, "--db", alone.Path, "--out", Path.Combine(directory, "out"));
        Assert.That(single.ExitCode, Is.EqualTo(0), single.Error);
        var reference = new RunStore(alone.Path);
        foreach (var (name, id) in finished.Runs)
        {
            var shared = new RunStore(store).Find(id)!;
            var own = reference.Find(id);
            Assert.That(own, Is.Not.Null, $"{name}: the same content hash in one process");
            Assert.That(System.Text.Json.JsonSerializer.Serialize(shared.Projections), Is.EqualTo(System.Text.Json.JsonSerializer.Serialize(own!.Projections)), name);
        }

        // Both instances serve the runs, identically.
        using var fromB = new HttpClient { BaseAddress = serviceB.Address };
        var served = finished.Runs["r7"];
        Assert.That(await fromB.GetStringAsync($"/api/v1/runs/{served}"), Is.EqualTo(await client.GetStringAsync($"/api/v1/runs/{served}")));
        Directory.Delete(directory, recursive: true);
    }

    private static System.Diagnostics.Process Start(string store)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { CliProcess.ProgramPath, "worker", "--store", store, "--lease", "3" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PROJECTION_STORE"] = store;
        var process = System.Diagnostics.Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private static void Wait(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"waited three minutes for {what}.");
            }

            Thread.Sleep(100);
        }
    }
}
