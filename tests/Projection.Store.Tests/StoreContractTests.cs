using System.Collections.Concurrent;
using Npgsql;
using Projection.Core;
using Projection.Files;
using Projection.Scb;
using Projection.Tests;

namespace Projection.Store.Tests;

/// <summary>
/// What every part of the store does, run against both databases it can live in: an SQLite file
/// (the embedded default) and PostgreSQL (several instances and workers on several machines).
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class StoreContractTests(string database) : IDisposable
{
    private TemporaryStore? _file;
    private TestPostgres? _postgres;

    private string Location => _postgres?.ConnectionString ?? _file!.Path;

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [SetUp]
    public void NewStore()
    {
        Dispose();
        if (database == "postgres")
        {
            _postgres = new TestPostgres();
        }
        else
        {
            _file = new TemporaryStore();
        }
    }

    [TearDown]
    public void Dispose()
    {
        _file?.Dispose();
        _postgres?.Dispose();
        (_file, _postgres) = (null, null);
    }

    [Test]
    public void A_scenario_is_saved_once_listed_owned_and_deleted()
    {
        var store = new ScenarioStore(Location);
        var scenario = new ScenarioFile.Document { Name = "fler-barn", Description = "fler barn", Fertility = new FertilityAssumption { Multiplier = 1.3 } };

        Assert.That(store.TryAdd(scenario, Now, owner: "k1"), Is.True);
        Assert.That(store.TryAdd(scenario, Now, owner: "k2"), Is.False, "the name is taken; nothing written");
        Assert.That(new ScenarioStore(Location).List().Single().Fertility.Multiplier, Is.EqualTo(1.3), "another opener sees it");
        Assert.That(store.OwnerOf("fler-barn"), Is.EqualTo((true, "k1")));
        Assert.That(store.OwnerOf("okänd"), Is.EqualTo((false, (string?)null)));
        Assert.That(store.Delete("fler-barn"), Is.True);
        Assert.That(store.Delete("fler-barn"), Is.False);
        Assert.That(store.List(), Is.Empty);
    }

    [Test]
    public void A_run_is_stored_once_by_its_id_and_listed_newest_first()
    {
        var store = new RunStore(Location);
        var first = Run("a1", Now);
        var second = Run("b2", Now.AddMinutes(1));

        Assert.That(store.TryAdd(first), Is.True);
        Assert.That(store.TryAdd(first with { Name = "again" }), Is.False, "the same content hash is stored once");
        Assert.That(store.TryAdd(second), Is.True);

        Assert.That(store.List().Select(r => r.Id), Is.EqualTo(new[] { "b2", "a1" }));
        Assert.That(store.Contains("a1"), Is.True);
        var found = store.Find("a1")!;
        Assert.That((found.Name, found.CreatedAt, found.Projections.Single().Years.Single().Total), Is.EqualTo(("run a1", Now, 4256.0)));
        Assert.That(store.Find("zz"), Is.Null);
    }

    [Test]
    public void A_key_is_found_by_its_secret_until_revoked()
    {
        var store = new ApiKeyStore(Location);
        var (key, secret) = store.Create("planerare", [ApiKeyStore.Write], Now);

        Assert.That(store.Find(secret)?.Id, Is.EqualTo(key.Id));
        Assert.That(store.Find(secret + "x"), Is.Null);
        Assert.That(store.Revoke(key.Id), Is.True);
        Assert.That(store.Find(secret), Is.Null);
        Assert.That(store.List().Single().Revoked, Is.True);
    }

    [Test]
    public void Tables_are_saved_together_and_the_same_content_again_changes_nothing()
    {
        var store = new SourceStore(Location);
        var population = Table("TAB638", [100, 200]);
        var births = Table("TAB1", [3, 4]);

        var first = store.SaveAll([new("population", "19", "fetched", "q1", population), new("births", "19", "fetched", "q2", births)], Now);
        var again = store.SaveAll([new("population", "19", "fetched", "q1", population), new("births", "19", "fetched", "q2", Table("TAB1", [3, 5]))], Now.AddDays(1));

        Assert.That(first, Is.EqualTo(new[] { SaveOutcome.Added, SaveOutcome.Added }));
        Assert.That(again, Is.EqualTo(new[] { SaveOutcome.Unchanged, SaveOutcome.Replaced }));
        var listed = store.List();
        Assert.That(listed.Select(t => (t.Name, t.Table.Values.Sum())), Is.EquivalentTo(new[] { ("births", 8.0), ("population", 300.0) }));
        Assert.That(store.IsReady(), Is.True);
        Assert.That(store.IsWritable(), Is.True);
    }

    [Test]
    public void The_regions_with_fetched_or_imported_tables_are_named_and_seeded_ones_are_not()
    {
        var store = new SourceStore(Location);
        store.SaveAll([new("population", "19", "seeded", "q", Table("TAB638", [1, 2])), new("population", "09", "fetched", "q", Table("TAB638", [3, 4])), new("births", "01", "imported", "q", Table("TAB1", [5, 6]))], Now);

        Assert.That(store.FetchedRegions(), Is.EqualTo(new[] { "01", "09" }));
    }

    [Test]
    public void A_save_that_fails_part_way_leaves_nothing_of_it()
    {
        var store = new SourceStore(Location);
        store.SaveAll([new("population", "19", "fetched", "q1", Table("TAB638", [1, 2]))], Now);

        Assert.Catch(() => store.SaveAll([new("population", "19", "fetched", "q1", Table("TAB638", [7, 8])), new("births", "19", "fetched", "q2", null!)], Now.AddDays(1)));

        Assert.That(store.List().Single().Table.Values, Is.EqualTo(new double[] { 1, 2 }), "the first table of the failed save was not kept");
    }

    [Test]
    public void A_run_is_claimed_by_one_worker_at_a_time_renewed_and_taken_over_when_its_lease_runs_out()
    {
        var store = new BatchJobStore(Location);
        var job = store.Add("sweep", "{}", Now, owner: "k1");
        var lease = TimeSpan.FromMinutes(2);

        Assert.That(store.Workable().Single().Id, Is.EqualTo(job.Id));
        Assert.That(store.Start(job.Id, Now), Is.True);
        Assert.That(store.Start(job.Id, Now), Is.False, "started once");
        Assert.That(store.ClaimRun(job.Id, "r1", "w1", Now, lease), Is.EqualTo(1));
        Assert.That(store.ClaimRun(job.Id, "r1", "w2", Now.AddMinutes(1), lease), Is.Null, "held by w1");
        Assert.That(store.ClaimRun(job.Id, "r2", "w2", Now.AddMinutes(1), lease), Is.EqualTo(1), "another run of the same batch is free");
        Assert.That(store.RenewRun(job.Id, "r1", "w1", Now.AddMinutes(1), lease), Is.True);
        Assert.That(store.ClaimRun(job.Id, "r1", "w2", Now.AddMinutes(2.5), lease), Is.Null, "renewed to 3 minutes past");
        Assert.That(store.RenewRun(job.Id, "r1", "w2", Now.AddMinutes(2.5), lease), Is.False, "not w2's");

        // w1 dies: its lease runs out and w2 takes the run over, its second start.
        Assert.That(store.ClaimRun(job.Id, "r1", "w2", Now.AddMinutes(4), lease), Is.EqualTo(2));
        Assert.That(store.RenewRun(job.Id, "r1", "w1", Now.AddMinutes(4), lease), Is.False, "w1 lost it");

        store.FinishRun(job.Id, "r1", "abc", Now.AddMinutes(5));
        store.FinishRun(job.Id, "r2", "def", Now.AddMinutes(5));
        Assert.That(store.ClaimRun(job.Id, "r1", "w3", Now.AddHours(1), lease), Is.Null, "a finished run is not claimed again");
        Assert.That(store.SetStateIf(job.Id, BatchJobStore.Running, BatchJobStore.Completed, Now.AddMinutes(6)), Is.True);
        Assert.That(store.SetStateIf(job.Id, BatchJobStore.Running, BatchJobStore.Completed, Now.AddMinutes(6)), Is.False, "ended once");
        Assert.That(store.Workable(), Is.Empty);
        var done = store.Find(job.Id)!;
        Assert.That((done.State, done.Runs["r1"], done.Runs["r2"], done.Owner), Is.EqualTo((BatchJobStore.Completed, "abc", "def", "k1")));
    }

    [Test]
    public void A_released_run_is_claimable_at_once_and_its_start_is_not_counted()
    {
        var store = new BatchJobStore(Location);
        var job = store.Add("sweep", "{}", Now);
        store.ClaimRun(job.Id, "r1", "w1", Now, TimeSpan.FromMinutes(2));

        store.ReleaseRun(job.Id, "r1", "w1");

        Assert.That(store.ClaimRun(job.Id, "r1", "w2", Now.AddSeconds(1), TimeSpan.FromMinutes(2)), Is.EqualTo(1));
    }

    [Test]
    public void Many_workers_claiming_at_once_take_every_run_exactly_once_and_record_every_one()
    {
        var store = new BatchJobStore(Location);
        var job = store.Add("sweep", "{}", Now);
        var names = Enumerable.Range(0, 40).Select(i => $"r{i}").ToList();
        var claims = new ConcurrentBag<string>();

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, w =>
        {
            var mine = new BatchJobStore(Location);
            foreach (var name in names)
            {
                if (mine.ClaimRun(job.Id, name, $"w{w}", Now.AddMinutes(1), TimeSpan.FromMinutes(10)) is not null)
                {
                    claims.Add(name);
                    mine.FinishRun(job.Id, name, $"id-{name}", Now.AddMinutes(2));
                }
            }
        });

        Assert.That(claims, Is.EquivalentTo(names), "each run claimed by exactly one worker");
        Assert.That(store.Find(job.Id)!.Runs.Keys, Is.EquivalentTo(names), "no finished run lost when workers record at the same time");
    }

    [Test]
    public void Migrations_run_once_even_when_several_processes_open_a_new_store_together()
    {
        var openers = Enumerable.Range(0, 6).Select(opener => Task.Run(() =>
        {
            _ = new SourceStore(Location);
            _ = new ScenarioStore(Location);
            _ = new RunStore(Location);
            _ = new BatchJobStore(Location);
            _ = new ApiKeyStore(Location);
        })).ToArray();

        Assert.DoesNotThrow(() => Task.WaitAll(openers));
        Assert.That(new BatchJobStore(Location).Add("after", "{}", Now).State, Is.EqualTo(BatchJobStore.Queued));
    }

    [Test]
    public void A_store_that_cannot_be_reached_is_a_clear_error_naming_it_without_its_password()
    {
        var location = database == "postgres"
            ? "Host=127.0.0.1;Port=1;Database=nowhere;Username=planner;Password=hemligt;Timeout=2"
            : Path.Combine(Path.GetTempPath(), $"projection-{Guid.NewGuid():N}", "not-a-db.db");
        if (database != "postgres")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(location)!);
            File.WriteAllText(location, "this is not an SQLite file, it is long enough to have a header");
        }

        var error = Assert.Throws<StoreUnavailableException>(() => _ = new SourceStore(location));

        Assert.That(error!.Message, Does.Contain(database == "postgres" ? "nowhere on 127.0.0.1:1 as planner" : "not-a-db.db"));
        Assert.That(error.Message, Does.Not.Contain("hemligt"));
    }

    private static StoredRun Run(string id, DateTimeOffset at) => new(
        id,
        $"run {id}",
        "sweep",
        at,
        "v1",
        new RunSpecification($"run {id}", ["1904"], new Scenario(), null, 1),
        [new ProjectionResponse("1904", "Skinnskatteberg", "main", 2024, new Scenario(), [], [new ProjectionYear(2024, true, 4256, null, null, null, null, null, null, null, null, null, null, null)])]);

    private static ScbTable Table(string id, double[] values) => new(
        id,
        id,
        null,
        [new ScbDimension("Region", "region", ["19"], new Dictionary<string, string> { ["19"] = "Västmanlands län" }, true), new ScbDimension("Tid", "år", [.. values.Select((_, i) => (2020 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))], new Dictionary<string, string>(), false)],
        values,
        new Dictionary<int, string>(),
        []);
}

/// <summary>
/// A store that turns read-only while the service runs, on PostgreSQL (an SQLite file cannot be
/// made read-only to tests that run as root, as CI's do).
/// </summary>
public sealed class ReadOnlyStoreTests
{
    [Test]
    public void A_store_that_answers_but_cannot_be_written_is_not_writable()
    {
        using var postgres = new TestPostgres();
        var store = new SourceStore(postgres.ConnectionString);
        Assert.That(store.IsWritable(), Is.True);

        // The database turns read-only while the service runs (a failover to a replica, an operator's switch).
        var database = new NpgsqlConnectionStringBuilder(postgres.ConnectionString).Database;
        using (var connection = new NpgsqlConnection(TestPostgres.Server))
        {
            connection.Open();
            using var readOnly = new NpgsqlCommand($"ALTER DATABASE {database} SET default_transaction_read_only = on", connection);
            readOnly.ExecuteNonQuery();
        }

        Assert.That(store.IsReady(), Is.True);
        Assert.That(store.IsWritable(), Is.False);
    }
}
