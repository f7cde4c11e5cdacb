using Projection.Core;
using Projection.Storage;

namespace Projection.Api.Projections;

/// <summary>One year of a region: observed (published totals before the base year) or projected.</summary>
/// <param name="Year">The year; populations are on 31 December, flows during the year.</param>
/// <param name="Observed">True for published figures; only the total is given then.</param>
/// <param name="Total">Population (folkmängd).</param>
/// <param name="Men">Men, projected years only.</param>
/// <param name="Women">Women, projected years only.</param>
/// <param name="Births">Live births (födda).</param>
/// <param name="Deaths">Deaths (döda).</param>
/// <param name="DomesticIn">Domestic in-migrants (inflyttade).</param>
/// <param name="DomesticOut">Domestic out-migrants (utflyttade).</param>
/// <param name="Immigration">Immigrants (invandrade).</param>
/// <param name="Emigration">Emigrants (utvandrade).</param>
/// <param name="AgeGroups">Population by the planning age groups (0, 1-5, 6-15, …, 90+).</param>
/// <param name="MedianAge">Median age.</param>
/// <param name="DependencyRatio">(0–19 + 65+) / 20–64.</param>
public sealed record ProjectionYear(
    int Year,
    bool Observed,
    double Total,
    double? Men,
    double? Women,
    double? Births,
    double? Deaths,
    double? DomesticIn,
    double? DomesticOut,
    double? Immigration,
    double? Emigration,
    IReadOnlyDictionary<string, double>? AgeGroups,
    double? MedianAge,
    double? DependencyRatio);

/// <summary>A region's projection under one scenario, with observed history and where every number came from.</summary>
public sealed record ProjectionResponse(
    string Region,
    string RegionName,
    string Scenario,
    int BaseYear,
    Scenario Assumptions,
    IReadOnlyList<Provenance> Provenance,
    IReadOnlyList<ProjectionYear> Years);

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
    IReadOnlyList<string>? Regions);

/// <summary>The projections of a custom scenario, one per region asked for.</summary>
public sealed record CustomProjectionResponse(Scenario Scenario, IReadOnlyList<ProjectionResponse> Projections);
