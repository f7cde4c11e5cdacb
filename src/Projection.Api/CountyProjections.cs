using Microsoft.Extensions.Caching.Memory;
using Projection.Api.Hosting;
using Projection.Core;
using Projection.Files;

namespace Projection.Api;

/// <summary>
/// One county as a request sees it: its data (one snapshot throughout the request, so that a
/// reload in between cannot mix two versions), names, published totals and provenance, and its
/// projections, computed once per data version and scenario and shared. Given by
/// <see cref="ProjectionCatalog.For"/>.
/// </summary>
public sealed class CountyProjections
{
    private readonly ProjectionCatalog _catalog;
    private readonly DataSnapshot _data;

    internal CountyProjections(ProjectionCatalog catalog, DataSnapshot data)
    {
        _catalog = catalog;
        _data = data;
    }

    /// <summary>The snapshot this view reads (for batch run data).</summary>
    internal DataSnapshot Snapshot => _data;

    /// <summary>The uncertainty model stochastic projections draw from.</summary>
    public UncertaintyModel Uncertainty => _catalog.Uncertainty;

    public string CountyCode => _data.Seed.County.Code;

    public string CountyName => _data.Seed.County.Name;

    /// <summary>The county as one projection input: all its municipalities.</summary>
    public ProjectionInput Input => _data.Input;

    public PopulationLayout Layout => Input.Layout;

    public int BaseYear => Input.BaseYear;

    /// <summary>True when the projections start from SCB's own tables in the store (the home county after a refresh).</summary>
    public bool UsesStore => _data.FromStore is not null;

    /// <summary>
    /// True when the base year's population by age is SCB's own figure: the store's tables, or a
    /// seed whose base population is observed (the other counties' real ages of 2019); false for the
    /// home seed's ages carried forward to its base year.
    /// </summary>
    public bool BaseAgesObserved => UsesStore || _data.Seed.Regions.All(r => r.PopulationProvenance.Status == Provenance.Observed);

    /// <summary>The data version: part of every ETag and run hash.</summary>
    public string Version => _data.Version;

    public bool IsCounty(string code) => code == CountyCode;

    public bool Holds(string code) => IsCounty(code) || Input.Regions.Any(r => r.Code == code);

    public string RegionName(string code) =>
        IsCounty(code) ? CountyName : _data.Seed.Regions.FirstOrDefault(r => r.Code == code)?.Name ?? Input.Regions.First(r => r.Code == code).Name;

    /// <summary>Published totals on 31 December by year for a region (the county: the sum of its municipalities).</summary>
    public IReadOnlyDictionary<int, double> ObservedTotals(string code) => _catalog.ObservedTotals(_data.Seed, code);

    /// <summary>Where a region's numbers come from: the published totals, and the base and rates (from the store, or the seed).</summary>
    public IReadOnlyList<Provenance> ProvenanceOf(string code)
    {
        var seeded = SeedFile.ProvenanceOf(_data.Seed, code);
        IReadOnlyList<Provenance> sources = _data.FromStore is { } store
            ? _data.Seed.MortalityImprovementProvenance is { } improvement ? [seeded[0], store, improvement] : [seeded[0], store]
            : seeded;
        return _catalog.RefreshWarning is { } warning && ReferenceEquals(_data.Seed, _catalog.Seed) ? [.. sources, warning] : sources;
    }

    /// <summary>The named scenario's projection of the whole county, computed once per data version while it is kept.</summary>
    public ProjectionResult Projection(string scenario)
    {
        var data = _data;
        var document = _catalog.Scenarios[scenario];
        // The other counties share one cache: the data version is part of the key, so that a reload's projections are new ones.
        var key = (data.Version, scenario);
        var entry = data.Projections.GetOrCreate(key, cached =>
        {
            cached.Size = (long)(document.Horizon + 1) * data.Input.Regions.Count;
            return new Lazy<ProjectionResult>(() =>
            {
                var (input, note) = _catalog.ApplyMigration(data, document.MigrationSource);
                data.MigrationNotes[scenario] = note;
                // Totals by region and sex are what the responses read; flows by age would hold six times the populations.
                return Projector.Project(input, document.ToScenario(), keepComponentsByAge: false);
            });
        })!;
        try
        {
            return entry.Value;
        }
        catch
        {
            // A Lazy keeps its exception: drop it, so that the next request tries again.
            data.Projections.Remove(key);
            throw;
        }
    }

    /// <summary>What the migration model did for a scenario's projection (computed first), or null.</summary>
    public Provenance? MigrationNote(string scenario) => _data.MigrationNotes.GetValueOrDefault(scenario);

    /// <summary>
    /// The spread of the pyramids of every projected year: the county's trajectories summarised by
    /// <see cref="AgeGroupings.PyramidBands"/> (42 series a region and year; 58 MB for 1,000
    /// trajectories of ten municipalities over 30 years). The same seed draws the same trajectories
    /// as the totals' intervals, so the bands agree with them.
    /// </summary>
    public Task<ProjectionIntervals> PyramidIntervalsAsync(string scenario, int trajectories, ulong seed, StochasticGate gate, CancellationToken cancellationToken) =>
        IntervalsAsync(scenario, trajectories, seed, "pyramid bands", AgeGroupings.PyramidBands(Layout), gate, cancellationToken);

    /// <summary>The named scenario's stochastic projection of the whole county, summarised by the planning groups.</summary>
    public Task<ProjectionIntervals> IntervalsAsync(string scenario, int trajectories, ulong seed, StochasticGate gate, CancellationToken cancellationToken) =>
        IntervalsAsync(scenario, trajectories, seed, "planning groups", AgeGroupings.Planning, gate, cancellationToken);

    /// <summary>A small stochastic projection of the main scenario, computed and not kept: the service's warm-up (<see cref="Hosting.IntervalWarmUp"/>).</summary>
    internal Task WarmUpAsync(int trajectories, ulong seed, StochasticGate gate, CancellationToken cancellationToken) =>
        ComputeAsync(_data, "main", trajectories, seed, AgeGroupings.Planning, gate, cancellationToken);

    /// <summary>
    /// Stochastic projections are kept per data version, scenario, trajectory count, seed and
    /// groups; a new one is computed when <paramref name="gate"/> gives it a turn.
    /// </summary>
    private async Task<ProjectionIntervals> IntervalsAsync(string scenario, int trajectories, ulong seed, string groupsName, IReadOnlyList<AgeGroup> groups, StochasticGate gate, CancellationToken cancellationToken)
    {
        var data = _data;
        var key = (data.Version, scenario, trajectories, seed, groupsName);
        if (data.Intervals.TryGetValue(key, out ProjectionIntervals? kept) && kept is not null)
        {
            return kept;
        }

        var computed = await ComputeAsync(data, scenario, trajectories, seed, groups, gate, cancellationToken);
        data.Intervals.Set(key, computed, new MemoryCacheEntryOptions { Size = 1 });
        return computed;
    }

    private Task<ProjectionIntervals> ComputeAsync(DataSnapshot data, string scenario, int trajectories, ulong seed, IReadOnlyList<AgeGroup> groups, StochasticGate gate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var projected = _catalog.Scenarios[scenario].ToScenario();
        var options = new StochasticOptions { Trajectories = trajectories, Seed = seed, AgeGroups = groups };
        return gate.RunAsync(() => StochasticProjector.Project(data.Input, projected, _catalog.Uncertainty, options), cancellationToken);
    }
}
