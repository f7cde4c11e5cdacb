using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Projection.Store;

namespace Projection.Cli.Tests;

public class BatchCommandTests
{
    private string _directory = "";

    private string Db => Path.Combine(_directory, "store.db");

    private string Out => Path.Combine(_directory, "out");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("projection-batch-").FullName;

    [TearDown]
    public void DeleteDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static string Example => Path.Combine(Path.GetDirectoryName(CliProcess.ProgramPath)!, "models", "batches", "example.json");

    [Test]
    public void The_shipped_example_runs_offline_and_a_second_run_finds_every_run_done()
    {
        var first = InProcessCli.Run("batch", Example, "--out", Out, "--db", Db);

        Assert.That(first.ExitCode, Is.Zero, first.Error);
        Assert.That(Directory.GetFiles(Out).Select(Path.GetFileName), Is.EquivalentTo(new[] { "main.csv", "low.csv", "high.csv", "main-stochastic.csv", "summary.csv" }));
        var main = File.ReadAllLines(Path.Combine(Out, "main.csv"));
        Assert.That(main, Has.Length.EqualTo(1 + (11 * 31)), "a header, then 11 regions × 2024..2054");
        var stochastic = File.ReadAllLines(Path.Combine(Out, "main-stochastic.csv"));
        Assert.That(stochastic[0], Does.Contain("total lower95"));
        var runs = new RunStore(Db).List();
        Assert.That(runs.Select(r => r.Name), Is.EquivalentTo(new[] { "main", "low", "high", "main-stochastic" }));
        var stored = new RunStore(Db).Find(runs.Single(r => r.Name == "main-stochastic").Id)!;
        Assert.That(stored.Specification.Trajectories, Is.EqualTo(1000));
        Assert.That(stored.Projections.Select(p => p.Region), Is.EqualTo(new[] { "19", "1980" }));
        Assert.That(stored.Projections[0].Uncertainty!.Years[^1].Total.Lower95, Is.LessThan(stored.Projections[0].Years[^1].Total));

        var csvBefore = Directory.GetFiles(Out).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        var second = InProcessCli.Run("batch", Example, "--out", Out, "--db", Db);
        Assert.That(second.ExitCode, Is.Zero, second.Error);
        Assert.That(second.Error, Does.Contain("0 computed, 4 already in the store"));
        Assert.That(File.ReadAllText(Path.Combine(Out, "summary.csv")), Does.Contain(",false,").And.Not.Contain(",true,"), "the summary says the runs were found, not computed");
        foreach (var (name, bytes) in csvBefore.Where(f => f.Key != "summary.csv"))
        {
            Assert.That(File.ReadAllBytes(Path.Combine(Out, name)), Is.EqualTo(bytes), name);
        }
    }

    [Test]
    public void A_batch_for_Swedish_Excel_writes_each_run_as_projection_run_does_and_takes_regions_by_name()
    {
        var file = Path.Combine(_directory, "names.json");
        File.WriteAllText(file, """{ "name": "names", "runs": [ { "name": "a", "regions": ["Uppsala", "Habo"], "horizon": 2 } ] }""");

        var outcome = InProcessCli.Run("batch", file, "--out", Out, "--db", Db, "--format", "excel");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        var rows = File.ReadAllText(Path.Combine(Out, "a.csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(rows[0], Does.StartWith("Regionkod;Region;Scenario;År;"));
        Assert.That(rows.Skip(1).Select(r => r.Split(';')[0]).Distinct(), Is.EqualTo(new[] { "0380", "0643" }));

        // The same rows as the command line's own run of one of them, for Swedish Excel.
        var uppsala = InProcessCli.Run("run", "--region", "0380", "--horizon", "2", "--format", "excel");
        var single = uppsala.Out.TrimStart('\uFEFF').Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.That(rows.Where(r => r.StartsWith("0380;", StringComparison.Ordinal)), Is.EqualTo(single.Skip(1)));

        var wrong = InProcessCli.Run("batch", file, "--out", Out, "--db", Db, "--format", "xlsx");
        Assert.That(wrong.ExitCode, Is.EqualTo(2));
        Assert.That(wrong.Error, Does.Contain("--format must be csv or excel, not 'xlsx'."));
    }

    [Test]
    public void An_invalid_batch_names_every_run_and_field_and_runs_nothing()
    {
        var file = Path.Combine(_directory, "bad.json");
        File.WriteAllText(file, """
            {
              "name": "bad",
              "runs": [
                { "name": "ok", "scenario": "main" },
                { "name": "ok", "scenario": "nosuch" },
                { "name": "third", "regions": ["9999"], "trajectories": 0 },
                { "name": "fourth", "overrides": { "fertility": { "multiplier": 7 } }, "seed": 3 }
              ]
            }
            """);

        var outcome = InProcessCli.Run("batch", file, "--out", Out, "--db", Db);

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("runs[1].name").And.Contain("runs[1].scenario").And.Contain("runs[2].regions")
            .And.Contain("runs[2].trajectories").And.Contain("runs[3].overrides.fertility.multiplier").And.Contain("runs[3].seed").And.Contain("Nothing was run"));
        Assert.That(Directory.Exists(Out), Is.False);
        Assert.That(new RunStore(Db).List(), Is.Empty);

        File.WriteAllText(file, """{ "name": "bad", "runs": [ { "name": "x", "scenarion": "main" } ] }""");
        var misspelt = InProcessCli.Run("batch", file, "--db", Db);
        Assert.That(misspelt.ExitCode, Is.EqualTo(3));
        Assert.That(misspelt.Error, Does.Contain("bad.json, line 1").And.Contain("scenarion"));
    }

    [Test]
    public void A_batch_killed_midway_keeps_its_finished_runs_and_resumes_to_the_same_result()
    {
        var file = Path.Combine(_directory, "long.json");
        var runs = string.Join(",\n", Enumerable.Range(1, 10).Select(i => $$"""{ "name": "run{{i}}", "regions": ["19", "1980"], "trajectories": 1000, "seed": {{i}} }"""));
        File.WriteAllText(file, $$"""{ "name": "long", "runs": [ {{runs}} ] }""");

        using (var process = Start("batch", file, "--out", Out, "--db", Db))
        {
            // Drain its output so that it never blocks on a full pipe.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (Stored() < 2 && !process.HasExited && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }

            Assert.That(process.HasExited, Is.False, "the batch finished before it could be killed; make its runs longer");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        var kept = new RunStore(Db).List();
        Assert.That(kept.Count, Is.InRange(2, 9));
        foreach (var run in kept)
        {
            Assert.That(new RunStore(Db).Find(run.Id)!.Projections, Has.Count.EqualTo(2), "a stored run is whole");
        }

        foreach (var csv in Directory.GetFiles(Out, "*.csv"))
        {
            Assert.That(File.ReadAllLines(csv), Has.Length.EqualTo(1 + (2 * 31)), $"{Path.GetFileName(csv)} is whole");
        }

        var resumed = CliProcess.Run("batch", file, "--out", Out, "--db", Db);
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Error);
        Assert.That(resumed.Error, Does.Contain($"{10 - kept.Count} computed, {kept.Count} already in the store"));
        Assert.That(Directory.GetFiles(Out, "*.partial"), Is.Empty);

        // The same batch uninterrupted, two runs at a time, elsewhere: the same numbers, file for file.
        var fresh = Path.Combine(_directory, "fresh");
        var clean = CliProcess.Run("batch", file, "--out", fresh, "--db", Path.Combine(_directory, "fresh.db"), "--parallel", "2");
        Assert.That(clean.ExitCode, Is.Zero, clean.Error);
        foreach (var name in Enumerable.Range(1, 10).Select(i => $"run{i}.csv"))
        {
            Assert.That(File.ReadAllBytes(Path.Combine(Out, name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(fresh, name))), name);
        }

        // Polled read-only, so that the test never takes a lock the batch is waiting for.
        int Stored()
        {
            try
            {
                using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                connection.Open();
                using var count = connection.CreateCommand();
                count.CommandText = "SELECT count(*) FROM runs";
                return Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (SqliteException)
            {
                return 0;
            }
        }
    }

    [Test]
    public void Ctrl_C_stops_the_batch_keeping_what_finished()
    {
        var file = Path.Combine(_directory, "long.json");
        var runs = string.Join(",\n", Enumerable.Range(1, 10).Select(i => $$"""{ "name": "run{{i}}", "regions": ["19"], "trajectories": 1500, "seed": {{i}} }"""));
        File.WriteAllText(file, $$"""{ "name": "long", "runs": [ {{runs}} ] }""");
        using var process = Start("batch", file, "--out", Out, "--db", Db);
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!File.Exists(Path.Combine(Out, "run1.csv")) && !process.HasExited && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        using (var signal = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            signal.WaitForExit();
        }

        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(1)), Is.True);
        Assert.That(process.ExitCode, Is.EqualTo(130), error.Result);
        Assert.That(error.Result, Does.Contain("Interrupted").And.Contain("run the same command again to resume"));
        Assert.That(new RunStore(Db).List().Count, Is.InRange(1, 9));
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(CliProcess.ProgramPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
