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
/// The service's data: the seed (names, published totals, the modeled default), the scenarios
/// (<see cref="ScenarioCatalog"/>), and the input projections start from. That input is built from SCB's own tables
/// when the store has them for the county (fetched or imported), else it is the modeled embedded
/// default; <see cref="Reload"/> switches after a refresh. Projections of the named scenarios are
/// computed once per input and scenario and shared.
/// </summary>
public sealed class ProjectionCatalog
{
    private readonly string _seedHash;
    private volatile DataSnapshot _data;

    private readonly ScenarioCatalog _scenarios;

    // The seed never changes while the service runs: its published totals are summed once per region, not per request.
    private readonly ConcurrentDictionary<string, SortedDictionary<int, double>> _observedTotals = new(StringComparer.Ordinal);

    private readonly Projection.Migration.LearnedMigration _migration;

    public ProjectionCatalog(IOptions<ProjectionServiceOptions> options, SourceStore store, ScenarioStore savedScenarios)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(savedScenarios);
        Seed = SeedFile.Read(options.Value.SeedPath);
        _scenarios = new ScenarioCatalog(options.Value.ScenariosPath, savedScenarios);

        _migration = new Projection.Migration.LearnedMigration(options.Value.MigrationModelPath);
        var uncertainty = UncertaintyFile.Read(options.Value.UncertaintyPath);
        Uncertainty = uncertainty.ToModel();
        _seedHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(options.Value.SeedPath)))[..12];
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

    /// <summary>Projected years kept per data version over all scenarios: 3,000 is 100 scenarios of 30 years (about 330 MB at most).</summary>
    internal const int KeptProjectionYears = 3000;

    /// <summary>The uncertainty model stochastic projections draw from (models/uncertainty.json).</summary>
    public UncertaintyModel Uncertainty { get; }

    public SeedDocument Seed { get; }

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

    /// <summary>The county as one projection input: all its municipalities.</summary>
    public ProjectionInput Input => _data.Input;

    /// <summary>Changes whenever the data or what is said about it (a failed refresh) does: part of every ETag.</summary>
    public string Version
    {
        get
        {
            ReloadIfStoreChanged();
            return RefreshWarning is { } warning ? $"{_data.Version}|{warning.Method}" : _data.Version;
        }
    }

    /// <summary>What the projections start from, and why (for the log).</summary>
    public string DataSource => _data.Description;

    /// <summary>True when the projections start from SCB's own tables in the store.</summary>
    public bool UsesStore => _data.FromStore is not null;

    public PopulationLayout Layout => Input.Layout;

    public string CountyCode => Seed.County.Code;

    public int BaseYear => Input.BaseYear;

    /// <summary>The county and its municipalities, by code and name.</summary>
    public IReadOnlyList<(string Code, string Name)> KnownRegions => [(CountyCode, Seed.County.Name), .. Input.Regions.Select(r => (r.Code, RegionName(r.Code)))];

    public bool IsKnownRegion(string code) => code == CountyCode || Input.Regions.Any(r => r.Code == code);

    public string RegionName(string code) =>
        code == CountyCode ? Seed.County.Name : Seed.Regions.FirstOrDefault(r => r.Code == code)?.Name ?? Input.Regions.First(r => r.Code == code).Name;

    /// <summary>The named scenario's projection of the whole county, computed once per data version while it is kept.</summary>
    public ProjectionResult Projection(string scenario)
    {
        var data = _data;
        var document = Scenarios[scenario];
        var entry = data.Projections.GetOrCreate(scenario, cached =>
        {
            cached.Size = document.Horizon + 1;
            return new Lazy<ProjectionResult>(() =>
            {
                var (input, note) = _migration.Apply(data.Input, document.MigrationSource, data.History, CountyCode);
                data.MigrationNotes[scenario] = note;
                return Projector.Project(input, document.ToScenario());
            });
        })!;
        try
        {
            return entry.Value;
        }
        catch
        {
            // A Lazy keeps its exception: drop it, so that the next request tries again.
            data.Projections.Remove(scenario);
            throw;
        }
    }

    /// <summary>Forgets a scenario's projections (it was deleted or replaced).</summary>
    public void Forget(string scenario)
    {
        _data.Projections.Remove(scenario);
        _data.MigrationNotes.TryRemove(scenario, out _);
    }

    /// <summary>What the migration model did for a scenario's projection (computed first), or null.</summary>
    public Provenance? MigrationNote(string scenario) => _data.MigrationNotes.GetValueOrDefault(scenario);

    /// <summary>
    /// The named scenario's stochastic projection of the whole county, kept per data version,
    /// trajectory count and seed; a new one is computed when <paramref name="gate"/> gives it a turn.
    /// </summary>
    public async Task<ProjectionIntervals> IntervalsAsync(string scenario, int trajectories, ulong seed, StochasticGate gate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var data = _data;
        var key = (scenario, trajectories, seed);
        if (data.Intervals.TryGetValue(key, out ProjectionIntervals? kept) && kept is not null)
        {
            return kept;
        }

        var document = Scenarios[scenario];
        var computed = await gate.RunAsync(() => StochasticProjector.Project(data.Input, document.ToScenario(), Uncertainty, new StochasticOptions { Trajectories = trajectories, Seed = seed }), cancellationToken);
        data.Intervals.Set(key, computed, new MemoryCacheEntryOptions { Size = 1 });
        return computed;
    }

    /// <summary>What batch runs project from: the current data, names, provenance, published totals, scenarios and uncertainty model.</summary>
    public RunData RunData()
    {
        // One snapshot throughout, so that a reload in between cannot mix two versions of the data.
        var data = _data;
        var codes = data.Input.Regions.Select(r => r.Code).Prepend(CountyCode).ToList();
        return new RunData(
            data.Input,
            CountyCode,
            codes.ToDictionary(c => c, RegionName),
            codes.ToDictionary(c => c, c => ProvenanceOf(c, data)),
            codes.ToDictionary(c => c, ObservedTotals),
            new Dictionary<string, ScenarioFile.Document>(_scenarios.All),
            Uncertainty,
            data.Version)
        {
            History = data.History,
            Migration = (input, source) => _migration.Apply(input, source, data.History, CountyCode),
        };
    }

    /// <summary>Published totals on 31 December by year for a region (the county: the sum of its municipalities).</summary>
    public IReadOnlyDictionary<int, double> ObservedTotals(string code) => _observedTotals.GetOrAdd(code, c => SeedFile.ObservedTotals(Seed, c));

    /// <summary>Where a region's numbers come from: the published totals, and the base and rates (from the store, or modeled).</summary>
    public IReadOnlyList<Provenance> ProvenanceOf(string code) => ProvenanceOf(code, _data);

    private IReadOnlyList<Provenance> ProvenanceOf(string code, DataSnapshot data)
    {
        var seeded = SeedFile.ProvenanceOf(Seed, code);
        IReadOnlyList<Provenance> sources = data.FromStore is { } store
            ? Seed.MortalityImprovementProvenance is { } improvement ? [seeded[0], store, improvement] : [seeded[0], store]
            : seeded;
        return RefreshWarning is { } warning ? [.. sources, warning] : sources;
    }

    /// <summary>Rebuilds the input from the store (after a refresh); projections are recomputed on demand.</summary>
    public void Reload(SourceStore store) => _data = Load(store);

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

    /// <summary>Set when the last refresh could not be used: said in every region's provenance and in readiness, until a refresh succeeds.</summary>
    public Provenance? RefreshWarning { get; set; }

    private DataSnapshot Load(SourceStore store) => DataSnapshot.Load(store, Seed, _seedHash);
}
