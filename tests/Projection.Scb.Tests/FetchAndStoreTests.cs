using Projection.Application;
using Projection.Store;
using Projection.Tests;

namespace Projection.Scb.Tests;

public class FetchAndStoreTests
{
    [Test]
    public async Task A_fetch_stores_every_source_with_its_provenance_and_an_unchanged_refetch_changes_nothing()
    {
        await using var fake = await FakeScb.StartAsync();
        fake.MaxCells = 20_000;
        using var temporary = new TemporaryStore();
        var path = temporary.Path;
        using var host = new ScbTestHost(fake);
        var store = new SourceStore(path);
        var fetcher = new ScbFetcher(host.Client, store, TimeProvider.System);

        var first = await fetcher.FetchAsync("19", 2020, ScbSources.Defaults, null, CancellationToken.None);
        var second = await fetcher.FetchAsync("19", 2020, ScbSources.Defaults, null, CancellationToken.None);

        Assert.That(first.Select(r => r.Outcome), Is.All.EqualTo(SaveOutcome.Added));
        Assert.That(second.Select(r => r.Outcome), Is.All.EqualTo(SaveOutcome.Unchanged));
        var stored = store.List();
        Assert.That(stored.Select(t => t.Name), Is.EquivalentTo(new[] { "population", "births", "deaths", "migration", ScbSources.DeathsByAgeReached }));
        var population = stored.Single(t => t.Name == "population");
        Assert.That(population.Origin, Is.EqualTo("fetched"));
        Assert.That(population.Query, Does.Contain("TAB638").And.Contain("Region=19..1984 (11)"));
        Assert.That(population.Updated, Is.EqualTo(new DateTimeOffset(2025, 2, 21, 7, 0, 0, TimeSpan.Zero)));
        Assert.That(population.Table.HasDimension("Civilstand"), Is.False, "eliminated so that SCB sums it");
        Assert.That(population.Table.Dimension("Region").Codes, Has.Count.EqualTo(11));
    }

    [Test]
    public async Task Deaths_are_fetched_by_age_at_death_from_DodaHandelseK_and_the_table_by_age_reached_is_named_when_asked_wrongly()
    {
        await using var fake = await FakeScb.StartAsync();
        fake.MaxCells = 20_000;
        using var temporary = new TemporaryStore();
        using var host = new ScbTestHost(fake);
        var store = new SourceStore(temporary.Path);
        var fetcher = new ScbFetcher(host.Client, store, TimeProvider.System);

        await fetcher.FetchAsync("19", 2020, ScbSources.Defaults, null, CancellationToken.None);
        var deaths = store.List().Single(t => t.Name == "deaths");
        Assert.That(deaths.Query, Does.Contain("TAB960"));
        Assert.That(deaths.Table.Dimension("ContentsCode").Codes, Is.EqualTo(new[] { "BE0101D9" }));

        // Round 1's configuration: TAB959 asked for BE0101D9, which SCB's TAB959 does not have.
        ScbSource[] old = [new("deaths", "TAB959", "BE/BE0101/BE0101I/DodaFodelsearK", ["BE0101D9"], [])];
        var error = await Assert.ThrowsAsync<ScbFormatException>(() => fetcher.FetchAsync("19", 2020, old, null, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("TAB959").And.Contain("BE0101D8"));
    }

    [Test]
    public async Task Bodies_cut_off_mid_transfer_among_other_faults_are_retried_and_store_what_a_clean_fetch_stores()
    {
        await using var fake = await FakeScb.StartAsync();
        fake.MaxCells = 20_000;
        using var cleanFile = new TemporaryStore();
        using var faultyFile = new TemporaryStore();
        using (var host = new ScbTestHost(fake))
        {
            await new ScbFetcher(host.Client, new SourceStore(cleanFile.Path), TimeProvider.System).FetchAsync("19", 2021, ScbSources.Defaults, null, CancellationToken.None);
        }

        fake.Enqueue(Fault.CutOffBody, Fault.ServiceUnavailable, Fault.CutOffBody, Fault.None, Fault.TooManyRequests, Fault.CutOffBody);
        using (var host = new ScbTestHost(fake))
        {
            await new ScbFetcher(host.Client, new SourceStore(faultyFile.Path), TimeProvider.System).FetchAsync("19", 2021, ScbSources.Defaults, null, CancellationToken.None);
            Assert.That(host.Counters.Retries, Is.GreaterThanOrEqualTo(5), "each fault cost a retry");
        }

        var clean = new SourceStore(cleanFile.Path).List().ToDictionary(t => t.Name, t => t.ContentHash);
        var faulty = new SourceStore(faultyFile.Path).List().ToDictionary(t => t.Name, t => t.ContentHash);
        Assert.That(faulty, Is.EquivalentTo(clean));
    }

    [Test]
    public async Task The_tables_of_one_fetch_are_stored_all_together_or_not_at_all()
    {
        await using var fake = await FakeScb.StartAsync();
        using var temporary = new TemporaryStore();
        using var host = new ScbTestHost(fake);
        var table = await host.Client.GetTableAsync(new ScbQuery("TAB638", [new("Region", ["1980"]), new("Alder", ["0", "1"]), new("Kon", ["1", "2"]), new("ContentsCode", ["BE0101N1"]), new("Tid", ["2024"])]), CancellationToken.None);
        var store = new SourceStore(temporary.Path);

        // The second table breaks the store's rules (a table needs a name) after the first was written in the transaction.
        Assert.That(() => store.SaveAll([new("population", "19", "fetched", "q", table), new(null!, "19", "fetched", "q", table)], DateTimeOffset.UtcNow), Throws.Exception);

        Assert.That(store.List(), Is.Empty, "the first table was rolled back with the second");
        Assert.That(store.SaveAll([new("population", "19", "fetched", "q", table), new("births", "19", "fetched", "q", table)], DateTimeOffset.UtcNow), Is.EqualTo(new[] { SaveOutcome.Added, SaveOutcome.Added }));
        Assert.That(store.List(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task The_default_fetch_brings_2025_from_the_continuation_tables_found_by_search()
    {
        await using var fake = await FakeScb.StartAsync();
        fake.MaxCells = 50_000;
        using var temporary = new TemporaryStore();
        using var host = new ScbTestHost(fake);
        var store = new SourceStore(temporary.Path);
        var progress = new List<string>();

        await new ScbFetcher(host.Client, store, TimeProvider.System).FetchAsync("19", 2020, ScbSources.Defaults, new Lines(progress), CancellationToken.None);

        var stored = store.List().ToDictionary(t => t.Name);
        Assert.That(stored.Keys, Is.EquivalentTo(new[] { "population", "births", "deaths", "migration", ScbSources.DeathsByAgeReached }));
        Assert.That(stored["births"].Table.TableId, Is.EqualTo("TAB1264+TAB6470"), "FoddaK to 2024, FoddaKCKM (found by search) from 2025");
        Assert.That(stored["births"].Table.Dimension("Tid").Codes[^1], Is.EqualTo("2025"));
        Assert.That(stored["migration"].Table.Dimension("Tid").Codes[^1], Is.EqualTo("2025"));
        Assert.That(stored[ScbSources.DeathsByAgeReached].Table.Dimension("ContentsCode").Codes, Is.EqualTo(new[] { "BE0101D8" }));
        var observed = Projection.Application.StoredStatistics.ToObserved(store.List(), Projection.Core.PopulationLayout.Default)["1980"];
        Assert.That(observed.DeathsByAgeReached.Keys, Is.EqualTo(new[] { 2025 }), "2025's deaths by age reached, kept as cohorts");
        Assert.That(observed.DeathsByAgeAtDeath.Keys.Max(), Is.EqualTo(2024));
        Assert.That(progress, Has.Some.Contains("searching for FoddaKCKM"));
    }

    private sealed class Lines(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }

    [Test]
    public async Task What_a_faulty_run_stores_equals_the_fault_free_run_and_a_failed_run_stores_nothing()
    {
        await using var fake = await FakeScb.StartAsync();
        fake.MaxCells = 20_000;
        fake.SlowDelay = TimeSpan.FromSeconds(3);
        using var cleanFile = new TemporaryStore();
        var clean = cleanFile.Path;
        using var faultyFile = new TemporaryStore();
        var faulty = faultyFile.Path;
        using (var host = new ScbTestHost(fake))
        {
            await new ScbFetcher(host.Client, new SourceStore(clean), TimeProvider.System).FetchAsync("19", 2021, ScbSources.Defaults, null, CancellationToken.None);
        }

        fake.Enqueue(Fault.ServiceUnavailable, Fault.TooManyRequestsWithRetryAfter, Fault.Slow, Fault.TooManyRequests);
        var faultyStore = new SourceStore(faulty);
        using (var host = new ScbTestHost(fake))
        {
            await new ScbFetcher(host.Client, faultyStore, TimeProvider.System).FetchAsync("19", 2021, ScbSources.Defaults, null, CancellationToken.None);
            Assert.That(host.Counters.Retries, Is.EqualTo(4));
        }

        Assert.That(faultyStore.List().Select(t => t.ContentHash), Is.EqualTo(new SourceStore(clean).List().Select(t => t.ContentHash)));

        // A truncated answer halfway through: the store keeps exactly what it had.
        var before = faultyStore.List().Select(t => (t.Name, t.ContentHash, t.FetchedAt)).ToList();
        fake.Enqueue(Fault.None, Fault.Truncated);
        using (var host = new ScbTestHost(fake))
        {
            await Assert.ThrowsAsync<ScbFormatException>(() => new ScbFetcher(host.Client, faultyStore, TimeProvider.System).FetchAsync("19", 2015, ScbSources.Defaults, null, CancellationToken.None));
        }

        Assert.That(faultyStore.List().Select(t => (t.Name, t.ContentHash, t.FetchedAt)), Is.EqualTo(before));
    }

    [Test]
    public async Task A_series_continued_in_a_new_table_from_a_year_on_is_joined_and_an_unpublished_one_skipped()
    {
        await using var fake = await FakeScb.StartAsync();
        fake.MaxCells = 50_000;
        using var temporary = new TemporaryStore();
        var path = temporary.Path;
        using var host = new ScbTestHost(fake);
        var store = new SourceStore(path);
        ScbSource[] sources =
        [
            new("population", "TAB638", "BE/BE0101/BE0101A/BefolkningNy", ["BE0101N1"], ["Civilstand"], 1968, 2019),
            new("population", "", "BE/BE0101/BE0101A/BefolkningCKM", ["BE0101N1"], ["Civilstand"], 2020, 2100),
            new("births", "", "BE/BE0101/BE0101H/FoddaKCKM2099", ["BE0101E2"], [], 2099, 2100),
        ];

        var fetched = await new ScbFetcher(host.Client, store, TimeProvider.System).FetchAsync("19", 2017, sources, null, CancellationToken.None);

        var population = store.List().Single();
        Assert.That(fetched.Select(f => f.Name), Is.EqualTo(new[] { "population" }), "the unpublished CKM births table is skipped");
        Assert.That(population.Table.TableId, Is.EqualTo("TAB638+TAB9638"));
        Assert.That(population.Table.Dimension("Tid").Codes, Is.EqualTo(new[] { "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024" }));
        foreach (var (codes, value) in population.Table.Cells())
        {
            Assert.That(value, Is.EqualTo(FakeScb.ValueOf(codes)));
        }
    }

    [Test]
    public void A_fetch_asks_for_the_county_its_municipalities_and_Sweden_and_nothing_else()
    {
        var metadata = new[]
        {
            new ScbDimension("Region", "region", ["00", "01", "0114", "19", "1980", "1984", "2080"], new Dictionary<string, string>(), true),
            new ScbDimension("Tid", "år", ["2014", "2015"], new Dictionary<string, string>(), false),
            new ScbDimension("ContentsCode", "tabellinnehåll", [.. ScbSources.Defaults[0].Contents], new Dictionary<string, string>(), false),
        };

        var query = ScbFetcher.Query(ScbSources.Defaults[0].V2TableId, "19", 2000, ScbSources.Defaults[0], metadata);

        Assert.That(query.Selection.Single(s => s.Key == "Region").Value, Is.EqualTo(new[] { "00", "19", "1980", "1984" }));
    }

    [Test]
    public void A_table_whose_layout_changed_is_refused_before_anything_is_fetched()
    {
        var metadata = new[]
        {
            new ScbDimension("Region", "region", ["19", "1980"], new Dictionary<string, string>(), true),
            new ScbDimension("Utbildning", "utbildning", ["1", "2"], new Dictionary<string, string>(), false),
        };

        var error = Assert.Throws<ScbFormatException>(() => ScbFetcher.Query("TAB638", "19", 2000, ScbSources.Defaults[0], metadata));
        Assert.That(error!.Message, Does.Contain("'Utbildning'").And.Contain("layout may have changed"));
    }
}
