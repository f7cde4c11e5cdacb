using Microsoft.AspNetCore.Mvc;
using Projection.Api.Hosting;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Api.Projections;

/// <summary>What GET /api/v1/projections/{regionCode} asks for: the route's region and the query (bound by name, as the query spells them).</summary>
/// <param name="RegionCode">A region's code or name (a name is turned into its code before the handler sees it).</param>
/// <param name="Scenario">A scenario's name; main when not given.</param>
/// <param name="From">The first year shown.</param>
/// <param name="To">The last year shown.</param>
/// <param name="Years">Only these years, comma-separated.</param>
/// <param name="AgeGroups">These age groups instead of the planning groups.</param>
/// <param name="Format">json, csv or csv-excel.</param>
/// <param name="Trajectories">Stochastic trajectories for the intervals.</param>
/// <param name="Seed">The trajectories' random seed.</param>
public sealed record ProjectionRequest(
    [FromRoute(Name = "regionCode")] string RegionCode,
    [FromQuery(Name = "scenario")] string? Scenario,
    [FromQuery(Name = "from")] int? From,
    [FromQuery(Name = "to")] int? To,
    [FromQuery(Name = "years")] string? Years,
    [FromQuery(Name = "ageGroups")] string? AgeGroups,
    [FromQuery(Name = "format")] string? Format,
    [FromQuery(Name = "trajectories")] int? Trajectories,
    [FromQuery(Name = "seed")] long? Seed) : IRegionRequest
{
    public IRegionRequest WithRegionCode(string code) => this with { RegionCode = code };
}

/// <summary>What GET /api/v1/projections/{regionCode}/pyramid asks for.</summary>
/// <param name="RegionCode">A region's code or name.</param>
/// <param name="Year">The year; the base year when not given.</param>
/// <param name="Scenario">A scenario's name; main when not given.</param>
/// <param name="Format">json, csv or csv-excel.</param>
/// <param name="Trajectories">Stochastic trajectories for the bands' intervals (JSON).</param>
/// <param name="Seed">The trajectories' random seed.</param>
public sealed record PyramidRequest(
    [FromRoute(Name = "regionCode")] string RegionCode,
    [FromQuery(Name = "year")] int? Year,
    [FromQuery(Name = "scenario")] string? Scenario,
    [FromQuery(Name = "format")] string? Format,
    [FromQuery(Name = "trajectories")] int? Trajectories,
    [FromQuery(Name = "seed")] long? Seed) : IRegionRequest
{
    public IRegionRequest WithRegionCode(string code) => this with { RegionCode = code };
}

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
