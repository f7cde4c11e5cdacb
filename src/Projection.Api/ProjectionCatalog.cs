using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Projection.Core;
using Projection.Storage;

namespace Projection.Api;

/// <summary>
/// The service's data, loaded once at start: the seed (base population, rates, observed series
/// with provenance) and the scenarios. Projections of the named scenarios are computed once per
/// scenario for the whole county (its municipalities together) and shared; custom ones on demand.
/// </summary>
public sealed class ProjectionCatalog
{
    private readonly ConcurrentDictionary<string, Lazy<ProjectionResult>> _projections = new(StringComparer.Ordinal);

    public ProjectionCatalog(IOptions<ProjectionServiceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Seed = SeedFile.Read(options.Value.SeedPath);
        Scenarios = ScenarioFile.ReadDirectory(options.Value.ScenariosPath);
        if (!Scenarios.ContainsKey("main"))
        {
            throw new InvalidDataFileException($"{options.Value.ScenariosPath}: no 'main' scenario.");
        }

        Input = SeedFile.ToProjectionInput(Seed, Seed.County.Code);
        Version = $"{Seed.BaseYear}-{StableHash(File.ReadAllBytes(options.Value.SeedPath))}";
    }

    public SeedDocument Seed { get; }

    public IReadOnlyDictionary<string, ScenarioFile.Document> Scenarios { get; }

    /// <summary>The county as one projection input: all its municipalities.</summary>
    public ProjectionInput Input { get; }

    /// <summary>Changes whenever the data does: part of every ETag.</summary>
    public string Version { get; }

    public PopulationLayout Layout => Input.Layout;

    public string CountyCode => Seed.County.Code;

    public bool IsKnownRegion(string code) => code == CountyCode || Seed.Regions.Any(r => r.Code == code);

    public string RegionName(string code) => code == CountyCode ? Seed.County.Name : Seed.Regions.First(r => r.Code == code).Name;

    /// <summary>The named scenario's projection of the whole county, computed once.</summary>
    public ProjectionResult Projection(string scenario) =>
        _projections.GetOrAdd(scenario, name => new Lazy<ProjectionResult>(() => Projector.Project(Input, Scenarios[name].ToScenario()))).Value;

    /// <summary>Published totals on 31 December by year for a region (the county: the sum of its municipalities).</summary>
    public SortedDictionary<int, double> ObservedTotals(string code) => SeedFile.ObservedTotals(Seed, code);

    /// <summary>The provenance of a region's observed totals, base population and rates.</summary>
    public IReadOnlyList<Provenance> ProvenanceOf(string code) => SeedFile.ProvenanceOf(Seed, code);

    private static string StableHash(byte[] bytes) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..12];
}
