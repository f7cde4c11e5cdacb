using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Projection.Api.Hosting;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Scb;
using Projection.Store;

namespace Projection.Api;

/// <summary>
/// The service's data: the seeds (the home county's, and the other counties' in seeds/sweden),
/// the scenarios (<see cref="ScenarioCatalog"/>), and the input projections start from. The home
/// county's input is built from SCB's own tables when the store has them (fetched or imported),
/// else it is its modeled embedded default; <see cref="Reload"/> switches after a refresh. The other
/// counties are projected from their seeds. A request works with one county through
/// <see cref="For"/>.
/// </summary>
public sealed class ProjectionCatalog
{
    private volatile DataSnapshot _data;

    private readonly ScenarioCatalog _scenarios;

    // The seeds never change while the service runs: their published totals are summed once per region, not per request.
    private readonly ConcurrentDictionary<(SeedDocument, string), SortedDictionary<int, double>> _observedTotals = new();

    private readonly Projection.Migration.LearnedMigration _migration;

    // The other counties, read from their seeds on first use; their projections share one bounded cache.
    private readonly ConcurrentDictionary<string, Lazy<DataSnapshot>> _others = new(StringComparer.Ordinal);
    private readonly MemoryCache _otherProjections = DataSnapshot.NewProjectionsCache();
    private readonly MemoryCache _otherIntervals = DataSnapshot.NewIntervalsCache();

    public ProjectionCatalog(IOptions<ProjectionServiceOptions> options, SourceStore store, ScenarioStore savedScenarios)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(savedScenarios);
        Seeds = SeedSet.Load(options.Value.SeedPath);
        _scenarios = new ScenarioCatalog(options.Value.ScenariosPath, savedScenarios);

        _migration = new Projection.Migration.LearnedMigration(options.Value.MigrationModelPath);
        var uncertainty = UncertaintyFile.Read(options.Value.UncertaintyPath);
        Uncertainty = uncertainty.ToModel();
        _store = store;
        _data = Load(store);
    }

    private readonly SourceStore _store;
    private long _storeCheckedAt = Environment.TickCount64;

    /// <summary>
    /// Several instances share one store (PostgreSQL): when another process saved tables (a refresh,
    /// an import, a fetch), this one rebuilds its data too, so that no instance serves an old data
    /// version for more than <see cref="SavedScenariosInterval"/>. Cheap: a query of the tables' hashes.
    /// </summary>
    private void ReloadIfStoreChanged()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _storeCheckedAt);
        if (now - last <= SavedScenariosInterval.TotalMilliseconds || Interlocked.CompareExchange(ref _storeCheckedAt, now, last) != last)
        {
            return;
        }

        try
        {
            if (_store.Fingerprint() != _data.StoreFingerprint)
            {
                Reload(_store);
            }
        }
        catch (System.Data.Common.DbException)
        {
            // The store does not answer now (readiness says so); keep serving what was read.
        }
    }

    /// <summary>Stochastic projections kept per data version; beyond this many the least recently used are dropped (recomputed on demand).</summary>
    internal const int KeptIntervals = 16;

    /// <summary>
    /// Projected region-years kept per data version over all scenarios: 30,000 is 100 scenarios of
    /// 30 years for ten municipalities (about 50 MB of populations at most); the other counties share as much.
    /// </summary>
    internal const int KeptProjectionRegionYears = 30_000;

    /// <summary>The uncertainty model stochastic projections draw from (models/uncertainty.json).</summary>
    public UncertaintyModel Uncertainty { get; }

    /// <summary>Every county's seed.</summary>
    public SeedSet Seeds { get; }

    /// <summary>The home county's seed (the one the store and the refresh are for).</summary>
    public SeedDocument Seed => Seeds.Home;

    /// <summary>The shipped and saved scenarios by name (<see cref="ScenarioCatalog"/>).</summary>
    public IReadOnlyDictionary<string, ScenarioFile.Document> Scenarios
    {
        get
        {
            ReloadIfStoreChanged();
            return _scenarios.All;
        }
    }

    /// <summary>How often the store is read for what other processes saved (<see cref="ScenarioCatalog.SavedScenariosInterval"/>).</summary>
    public static readonly TimeSpan SavedScenariosInterval = ScenarioCatalog.SavedScenariosInterval;

    /// <summary>Forgets a deleted saved scenario and its projections.</summary>
    public void RemoveScenario(string name)
    {
        _scenarios.Remove(name);
        Forget(name);
    }

    /// <summary>Makes a newly saved scenario available by name.</summary>
    public void AddScenario(ScenarioFile.Document scenario) => _scenarios.Add(scenario);

    /// <summary>The home county as a request sees it.</summary>
    public CountyProjections Home
    {
        get
        {
            ReloadIfStoreChanged();
            return new CountyProjections(this, _data);
        }
    }

    /// <summary>The county that holds <paramref name="regionCode"/> (a county or municipality code), or null when no seed knows it.</summary>
    public CountyProjections? For(string regionCode)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        ReloadIfStoreChanged();
        var seed = Seeds.SeedOf(regionCode);
        if (seed is null)
        {
            return null;
        }

        if (Seeds.IsHome(seed))
        {
            return Home;
        }

        // SCB's tables in the store where a fetch or an import brought the county's, else its seed; read again after the store changed.
        var data = _others.GetOrAdd(seed.County.Code, _ => new Lazy<DataSnapshot>(() => DataSnapshot.Load(_store, seed, Seeds.HashOf(seed), home: false) with
        {
            Projections = _otherProjections,
            Intervals = _otherIntervals,
        })).Value;
        return new CountyProjections(this, data);
    }

    /// <summary>Changes whenever the data or what is said about it (a failed refresh) does: part of every ETag.</summary>
    public string Version
    {
        get
        {
            ReloadIfStoreChanged();
            return RefreshWarning is { } warning ? $"{_data.Version}|{warning.Method}" : _data.Version;
        }
    }

    /// <summary>What the home county's projections start from, and why (for the log).</summary>
    public string DataSource => _data.Description;

    /// <summary>True when the home county's projections start from SCB's own tables in the store.</summary>
    public bool UsesStore => _data.FromStore is not null;

    public string CountyCode => Seed.County.Code;

    /// <summary>Every county and municipality, by code and name.</summary>
    public IReadOnlyList<(string Code, string Name)> KnownRegions => Seeds.Regions;

    public bool IsKnownRegion(string code) => Seeds.SeedOf(code) is not null;

    /// <summary>Forgets a scenario's projections in every county (it was deleted or replaced).</summary>
    public void Forget(string scenario)
    {
        foreach (var data in _others.Values.Where(l => l.IsValueCreated).Select(l => l.Value).Prepend(_data))
        {
            data.Projections.Remove((data.Version, scenario));
            data.MigrationNotes.TryRemove(scenario, out _);
        }
    }

    /// <summary>Applies a scenario's migration source to a county's input: the learned model reads the home county's store history; elsewhere the baseline, said so.</summary>
    internal (ProjectionInput Input, Provenance? Note) ApplyMigration(DataSnapshot data, string? source) =>
        _migration.Apply(data.Input, source, data.History);

    /// <summary>What batch runs project from: the current data of every county, names, provenance, published totals, scenarios and uncertainty model.</summary>
    public RunData RunData()
    {
        // One snapshot throughout, so that a reload in between cannot mix two versions of the data.
        var data = _data;
        var home = RunDataOf(data) with { Version = data.Version, History = data.History, Migration = (input, source) => _migration.Apply(input, source, data.History) };
        var others = Seeds.Counties.Where(s => !Seeds.IsHome(s)).ToDictionary(s => s.County.Code, s => RunDataOf(For(s.County.Code)!.Snapshot), StringComparer.Ordinal);
        return home.WithOtherCounties(others);
    }

    private RunData RunDataOf(DataSnapshot data)
    {
        var county = new CountyProjections(this, data);
        var codes = data.Input.Regions.Select(r => r.Code).Prepend(county.CountyCode).ToList();
        return new RunData(
            data.Input,
            county.CountyCode,
            codes.ToDictionary(c => c, county.RegionName),
            codes.ToDictionary(c => c, county.ProvenanceOf),
            codes.ToDictionary(c => c, county.ObservedTotals),
            new Dictionary<string, ScenarioFile.Document>(_scenarios.All),
            Uncertainty,
            data.Version);
    }

    /// <summary>Published totals on 31 December by year for a region of a seed (the county: the sum of its municipalities).</summary>
    internal IReadOnlyDictionary<int, double> ObservedTotals(SeedDocument seed, string code) => _observedTotals.GetOrAdd((seed, code), key => SeedFile.ObservedTotals(key.Item1, key.Item2));

    /// <summary>Rebuilds the home county's input from the store (after a refresh), and the other counties' when next asked for; projections are recomputed on demand.</summary>
    public void Reload(SourceStore store)
    {
        _data = Load(store);
        _others.Clear();
    }

    /// <summary>Why the service could not project from these tables (null: it can), e.g. to check a refresh before it is stored.</summary>
    public string? WhyNotUsable(IReadOnlyList<StoredTable> tables)
    {
        try
        {
            var built = StoreProjectionInput.Build(tables, CountyCode, new PopulationLayout(Seed.OldestAge), mortalityImprovementByAge: SeedFile.ImprovementByAge(Seed));
            return built.Input.Regions.Count == Seed.Regions.Count
                ? null
                : $"the tables hold {built.Input.Regions.Count} of the county's {Seed.Regions.Count} municipalities";
        }
        catch (Exception e) when (e is InvalidInputException or ScbFormatException)
        {
            return e.Message;
        }
    }

    /// <summary>Set when the last refresh could not be used: said in the home county's provenance and in readiness, until a refresh succeeds.</summary>
    public Provenance? RefreshWarning { get; set; }

    private DataSnapshot Load(SourceStore store) => DataSnapshot.Load(store, Seed, Seeds.HashOf(Seed));
}
