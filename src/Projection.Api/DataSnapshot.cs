using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Scb;
using Projection.Store;

namespace Projection.Api;

/// <summary>What the projections currently start from, swapped whole on reload.</summary>
internal sealed record DataSnapshot(ProjectionInput Input, string Version, Provenance? FromStore, string Description)
{
    /// <summary>The seed of the county this snapshot projects (names, published totals, provenance).</summary>
    public required SeedDocument Seed { get; init; }

    /// <summary>The store's <see cref="SourceStore.Fingerprint"/> when this snapshot was read.</summary>
    public string StoreFingerprint { get; init; } = "";

    /// <summary>
    /// Deterministic projections by scenario, each sized by its region-years (a 100-year projection of
    /// ten municipalities holds about 1.6 MB: populations and totals, no flows by age): saved scenarios beyond the limit push the least
    /// recently used out, so memory stays bounded however many are saved. The other counties share one.
    /// </summary>
    public MemoryCache Projections { get; init; } = NewProjectionsCache();

    /// <summary>Stochastic projections by scenario, trajectories and seed: at most <see cref="ProjectionCatalog.KeptIntervals"/>, least recently used out first.</summary>
    public MemoryCache Intervals { get; init; } = NewIntervalsCache();

    public static MemoryCache NewProjectionsCache() => new(new MemoryCacheOptions { SizeLimit = ProjectionCatalog.KeptProjectionRegionYears });

    public static MemoryCache NewIntervalsCache() => new(new MemoryCacheOptions { SizeLimit = ProjectionCatalog.KeptIntervals });

    /// <summary>Yearly series by age from the store's tables (what the migration model reads); null on the embedded default.</summary>
    public IReadOnlyDictionary<string, Projection.Estimation.ObservedStatistics>? History { get; init; }

    /// <summary>Per scenario, what the migration model did (or why it did not).</summary>
    public ConcurrentDictionary<string, Provenance?> MigrationNotes { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// What the service projects from now: SCB's own tables in the store when they cover the
    /// county's municipalities, else the embedded default (saying why, in plain words), with the
    /// store's fingerprint at the time, so that a change by another process is noticed.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="seed">The county's seed.</param>
    /// <param name="seedHash">The seed file's hash (the data version of the seed).</param>
    /// <param name="home">True for the home county (its store tables are seeded from its seed); false for another county, read from the store only where tables were fetched or imported for it.</param>
    public static DataSnapshot Load(SourceStore store, SeedDocument seed, string seedHash, bool home = true)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(seed);
        var fingerprint = store.Fingerprint();
        return LoadSnapshot(store, seed, seedHash, home) with { StoreFingerprint = fingerprint };
    }

    private static DataSnapshot LoadSnapshot(SourceStore store, SeedDocument seed, string seedHash, bool home)
    {
        string? reason = null;
        try
        {
            // Another county is read from the store only where a fetch or an import brought its tables (asked without reading them).
            if (!home && !store.FetchedRegions().Any(region => region.StartsWith(seed.County.Code, StringComparison.Ordinal)))
            {
                return OtherCounty(seed, seedHash, null);
            }

            var tables = store.List();
            if (home && tables.All(t => t.Origin == "seeded"))
            {
                // The intended mode of a new installation, not a problem: say so in plain words.
                return EmbeddedDefault(seed, seedHash);
            }

            var built = StoreProjectionInput.Build(tables, seed.County.Code, new PopulationLayout(seed.OldestAge), mortalityImprovementByAge: SeedFile.ImprovementByAge(seed));
            if (built.Input.Regions.Count == seed.Regions.Count)
            {
                var version = $"store-{built.Input.BaseYear}-{string.Join("", tables.Select(t => t.ContentHash[..4]))}";
                return new DataSnapshot(built.Input, version, built.Provenance, $"SCB's tables in the store, base year {built.Input.BaseYear}")
                {
                    Seed = seed,
                    History = StoredStatistics.ToObserved(tables, built.Input.Layout),
                };
            }

            reason = $"the store has {built.Input.Regions.Count} of the county's {seed.Regions.Count} municipalities";
        }
        catch (Exception e) when (e is InvalidInputException or ScbFormatException)
        {
            reason = e.Message;
        }

        return home ? EmbeddedDefault(seed, seedHash, reason) : OtherCounty(seed, seedHash, reason);
    }

    /// <summary>Another county than the home one from its seed (seeds/sweden), where the store has no usable tables for it.</summary>
    private static DataSnapshot OtherCounty(SeedDocument seed, string seedHash, string? whyNotTheStore) => new(
        SeedFile.ToProjectionInput(seed, seed.County.Code),
        $"{seed.BaseYear}-{seedHash}",
        null,
        $"the embedded data for {seed.County.Name}: SCB's real ages of {seed.BaseYear}, rates modeled (docs/method.md §9.1)"
            + (whyNotTheStore is null ? "" : $". SCB's tables in the store are not used: {whyNotTheStore}"))
    {
        Seed = seed,
    };

    /// <summary>The home county from its seed alone (a new installation, or the store cannot be used).</summary>
    private static DataSnapshot EmbeddedDefault(SeedDocument seed, string seedHash, string? whyNotTheStore = null) => new(
        SeedFile.ToProjectionInput(seed, seed.County.Code),
        $"{seed.BaseYear}-{seedHash}",
        null,
        $"the embedded default for {seed.County.Name}: "
            + $"SCB's published totals to {seed.BaseYear}, ages carried forward from SCB's real ages of 2019 (docs/method.md §9)"
            + (whyNotTheStore is null
                ? ". `projection fetch` or POST /api/v1/sources/refresh brings SCB's own tables by age"
                : $". SCB's tables in the store are not used: {whyNotTheStore}"))
    {
        Seed = seed,
    };
}
