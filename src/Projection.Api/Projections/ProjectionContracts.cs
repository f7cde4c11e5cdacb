using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Api.Projections;

/// <summary>Population by single year of age and sex in one year.</summary>
public sealed record PyramidResponse(string Region, string RegionName, string Scenario, int Year, bool Modeled, IReadOnlyList<PyramidAge> Ages);

/// <summary>One age of a pyramid; the last is the open group "100+".</summary>
public sealed record PyramidAge(string Age, double Men, double Women);

/// <summary>
/// A custom scenario: overrides on a base scenario. Each assumption given replaces the base's
/// assumption of that kind as a whole; <c>regions</c> defaults to the county.
/// </summary>
public sealed record CustomProjectionRequest(
    string? Name,
    string? BaseScenario,
    int? Horizon,
    FertilityAssumption? Fertility,
    MortalityAssumption? Mortality,
    MigrationAssumption? Migration,
    IReadOnlyList<string?>? Regions,
    int? Trajectories = null,
    long? Seed = null);

/// <summary>The projections of a custom scenario, one per region asked for.</summary>
public sealed record CustomProjectionResponse(Scenario Scenario, IReadOnlyList<ProjectionResponse> Projections);
