using Microsoft.AspNetCore.Http.HttpResults;
using Projection.Api.Hosting;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Api.Regions;

/// <summary>A region the service projects: a county or a municipality.</summary>
/// <param name="Code">SCB region code.</param>
/// <param name="Name">Name.</param>
/// <param name="Level">county or municipality.</param>
/// <param name="LatestObservedYear">The last year with a published population.</param>
/// <param name="LatestObservedPopulation">That population (31 December).</param>
/// <param name="Provenance">Where the observed totals, the base population and the rates come from.</param>
/// <param name="County">The county's code (the county itself for a county).</param>
/// <param name="BaseYear">The year projections start from (31 December): observed before and at it, projected after.</param>
/// <param name="BaseAgesObserved">True when the base year's ages are SCB's own (the store's tables, or the real ages of 2019 of the counties in seeds/sweden); false when modeled (the home county's embedded default carries SCB's 2019 ages forward to 2024).</param>
/// <param name="FirstObservedYear">The first year with a published population (the history a chart can start from).</param>
public sealed record RegionResponse(string Code, string Name, string Level, int LatestObservedYear, double LatestObservedPopulation, IReadOnlyList<Provenance> Provenance, string County, int BaseYear, bool BaseAgesObserved, int FirstObservedYear);

/// <summary>The regions resource.</summary>
public static class RegionsApi
{
    public static RouteGroupBuilder MapRegions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/regions").WithTags("Regions");
        group.MapGet("/", GetRegions)
            .AllowQuery()
            .WithName("GetRegions")
            .WithSummary("Every county and municipality the service projects (the home county first): their latest observed population, county, base year, whether the base year's ages are observed, and the provenance of the data.");
        return group;
    }

    public static Ok<IReadOnlyList<RegionResponse>> GetRegions(ProjectionCatalog catalog)
    {
        var regions = catalog.Seeds.Counties.SelectMany(seed =>
        {
            var county = catalog.For(seed.County.Code)!;
            return county.Input.Regions.Select(r => r.Code).Prepend(county.CountyCode).Select(code =>
            {
                var observed = county.ObservedTotals(code);
                var latest = observed.Last();
                return new RegionResponse(code, county.RegionName(code), county.IsCounty(code) ? "county" : "municipality", latest.Key, latest.Value, county.ProvenanceOf(code), county.CountyCode, county.BaseYear, county.BaseAgesObserved, observed.First().Key);
            });
        }).ToList();
        return TypedResults.Ok<IReadOnlyList<RegionResponse>>(regions);
    }
}
