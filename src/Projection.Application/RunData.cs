using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Application;

/// <summary>
/// What batch runs project from: the county's input (all its municipalities), the names,
/// provenance and published totals of each region, the scenarios by name, the uncertainty model,
/// and a version that changes whenever any of it does (part of every run's hash).
/// </summary>
public sealed record RunData(
    ProjectionInput Input,
    string CountyCode,
    IReadOnlyDictionary<string, string> RegionNames,
    IReadOnlyDictionary<string, IReadOnlyList<Provenance>> Provenance,
    IReadOnlyDictionary<string, IReadOnlyDictionary<int, double>> ObservedTotals,
    IReadOnlyDictionary<string, ScenarioFile.Document> Scenarios,
    UncertaintyModel Uncertainty,
    string Version)
{
    /// <summary>From the seed (the embedded default or another seed file).</summary>
    public static RunData FromSeed(SeedDocument seed, string seedVersion, IReadOnlyDictionary<string, ScenarioFile.Document> scenarios, UncertaintyModel uncertainty)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var codes = seed.Regions.Select(r => r.Code).Prepend(seed.County.Code).ToList();
        return new RunData(
            SeedFile.ToProjectionInput(seed, seed.County.Code),
            seed.County.Code,
            codes.ToDictionary(c => c, c => c == seed.County.Code ? seed.County.Name : seed.Regions.First(r => r.Code == c).Name),
            codes.ToDictionary(c => c, c => SeedFile.ProvenanceOf(seed, c)),
            codes.ToDictionary(c => c, c => (IReadOnlyDictionary<int, double>)SeedFile.ObservedTotals(seed, c)),
            scenarios,
            uncertainty,
            $"{seed.BaseYear}-{seedVersion}");
    }

    /// <summary>
    /// The home county as <see cref="Load(IReadOnlyList{StoredTable}, SeedDocument, string, IReadOnlyDictionary{string, ScenarioFile.Document}, UncertaintyModel)"/>
    /// gives it, and every other county of <paramref name="seeds"/> likewise where the store holds tables for it, else from its seed; the version covers all of them.
    /// </summary>
    public static RunData Load(IReadOnlyList<StoredTable> tables, SeedSet seeds, IReadOnlyDictionary<string, ScenarioFile.Document> scenarios, UncertaintyModel uncertainty)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var home = Load(tables, seeds.Home, seeds.HashOf(seeds.Home), scenarios, uncertainty);
        // Another county from the store where a fetch or an import brought its tables (as the service does), else from its seed.
        var others = seeds.Counties.Where(s => !seeds.IsHome(s)).ToDictionary(
            s => s.County.Code,
            s => tables.Any(t => t.Origin != "seeded" && t.Region.StartsWith(s.County.Code, StringComparison.Ordinal))
                ? Load(tables, s, seeds.HashOf(s), scenarios, uncertainty)
                : FromSeed(s, seeds.HashOf(s), scenarios, uncertainty),
            StringComparer.Ordinal);
        return home.WithOtherCounties(others);
    }

    /// <summary>
    /// This county's data with the other counties' beside it; the version then covers theirs too
    /// (a hash of every county's version), so that a run's hash changes when any county's data do.
    /// </summary>
    public RunData WithOtherCounties(IReadOnlyDictionary<string, RunData> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        if (others.Count == 0)
        {
            return this;
        }

        var versions = string.Join("|", others.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value.Version}"));
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(versions)))[..12];
        return this with { OtherCounties = others, Version = $"{Version}+{hash}" };
    }

    /// <summary>
    /// From SCB's own tables (<paramref name="tables"/>, the store's) when they cover every municipality of the
    /// seed's county (as the service does), else from the seed. Names and published totals come from the seed.
    /// </summary>
    public static RunData Load(IReadOnlyList<StoredTable> tables, SeedDocument seed, string seedVersion, IReadOnlyDictionary<string, ScenarioFile.Document> scenarios, UncertaintyModel uncertainty)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(seed);
        var fromSeed = FromSeed(seed, seedVersion, scenarios, uncertainty);
        if (tables.Count == 0)
        {
            return fromSeed;
        }

        try
        {
            var built = StoreProjectionInput.Build(tables, seed.County.Code, new PopulationLayout(seed.OldestAge), mortalityImprovementByAge: SeedFile.ImprovementByAge(seed));
            if (built.Input.Regions.Count != seed.Regions.Count)
            {
                return fromSeed;
            }

            return fromSeed with
            {
                Input = built.Input,
                Provenance = fromSeed.Provenance.ToDictionary(p => p.Key, p => (IReadOnlyList<Provenance>)(seed.MortalityImprovementProvenance is { } improvement ? [p.Value[0], built.Provenance, improvement] : [p.Value[0], built.Provenance])),
                Version = $"store-{built.Input.BaseYear}-{string.Join("", tables.Select(t => t.ContentHash[..4]))}",
                History = StoredStatistics.ToObserved(tables, built.Input.Layout),
            };
        }
        catch (Exception e) when (e is InvalidInputException or Scb.ScbFormatException)
        {
            return fromSeed;
        }
    }

    /// <summary>Each region's yearly series by age, when the data are SCB's tables in the store (what the migration model reads); null on the seed.</summary>
    public IReadOnlyDictionary<string, Projection.Estimation.ObservedStatistics>? History { get; init; }

    /// <summary>Applies a scenario's migration source to the input (the learned model lives outside this library); none: the baseline always.</summary>
    public Func<ProjectionInput, string?, (ProjectionInput Input, Provenance? Note)>? Migration { get; init; }

    /// <summary>The other counties (from seeds/sweden), by county code: a run's region outside this county is projected from its own county's data.</summary>
    public IReadOnlyDictionary<string, RunData> OtherCounties { get; init; } = new Dictionary<string, RunData>();

    /// <summary>Every region by code and name, this county's first.</summary>
    public IEnumerable<(string Code, string Name)> AllRegions =>
        RegionNames.Concat(OtherCounties.Values.SelectMany(o => o.RegionNames)).Select(kv => (kv.Key, kv.Value));

    public bool IsKnownRegion(string code) => RegionNames.ContainsKey(code) || OtherCounties.Values.Any(o => o.RegionNames.ContainsKey(code));

    /// <summary>The data of the county that holds <paramref name="region"/> (this one, or one of <see cref="OtherCounties"/>).</summary>
    public RunData For(string region) =>
        RegionNames.ContainsKey(region) ? this : OtherCounties.Values.FirstOrDefault(o => o.RegionNames.ContainsKey(region)) ?? this;

    /// <summary>What the runs project from, in words for a person: the embedded default, or SCB's tables in the store.</summary>
    public string Description => History is null
        ? $"the embedded default (SCB's totals to {Input.BaseYear}, ages carried forward from SCB's real ages of 2019)"
        : $"SCB's tables in the store (base year {Input.BaseYear})";
}
