using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Projection.Api.Hosting;
using Projection.Api.Projections;
using Projection.Charts;
using Projection.Files;
using ScottPlot;

namespace Projection.Api.Charts;

/// <summary>Ready charts of a projection as SVG or PNG, 800 × 500 pixels.</summary>
public static class ChartsApi
{
    public static RouteGroupBuilder MapCharts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/projections/{regionCode}/charts").WithTags("Charts").AcceptRegionNames();
        group.MapGet("/total.{extension}", GetTotalChart)
            .AllowQuery("scenario", "from", "to", "trajectories", "seed", "download")
            .RequireRateLimiting(RequestLimits.Stochastic)
            .WithName("GetTotalChart")
            .WithSummary("The total over time: published history, the projection, and with trajectories its 80 % and 95 % bands.")
            .WithDescription("extension: svg or png. scenario may list several, e.g. main,low,high, to compare them (the first is drawn strongest and gets the bands). Shown inline; download=true sends it as an attachment.")
            .AnsweredAsImage();
        group.MapGet("/components.{extension}", GetComponentsChart)
            .AllowQuery("scenario", "from", "to", "download")
            .WithName("GetComponentsChart")
            .WithSummary("The components of change per projected year: births, deaths, moves in and out, immigration and emigration.")
            .WithDescription("extension: svg or png. from and to are projected years (from the base year + 1; default all of them). Shown inline; download=true sends it as an attachment.")
            .AnsweredAsImage();
        group.MapGet("/pyramid.{extension}", GetPyramidChart)
            .AllowQuery("year", "scenario", "download", "trajectories", "seed")
            .RequireRateLimiting(RequestLimits.Stochastic)
            .WithName("GetPyramidChart")
            .WithSummary("The population pyramid of a year: men to the left, women to the right.")
            .WithDescription("extension: svg or png. Shown inline; download=true sends it as an attachment. With trajectories (at most 1,000), each five-year band's 80 % and 95 % intervals, per year of age.")
            .AnsweredAsImage();
        return group;
    }

    /// <summary>GET /api/v1/projections/{regionCode}/charts/total.svg|png?scenario=main,low,high&amp;from=&amp;to=&amp;trajectories=&amp;seed=&amp;download= — with trajectories, the 80 % and 95 % intervals of the first scenario are drawn as bands.</summary>
    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetTotalChart([AsParameters] TotalChartRequest asked, HttpContext context, ProjectionCatalog catalog, StochasticGate gate, IOptions<ProjectionServiceOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asked);
        ArgumentNullException.ThrowIfNull(options);
        var (regionCode, extension, scenario, from, to, trajectories, seed, download) = asked;
        var errors = new Dictionary<string, string[]>();
        if (!IsImage(extension))
        {
            errors["extension"] = [$"'{extension}' is not svg or png."];
        }

        var scenarios = (scenario ?? "main").Split(',', StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var requests = new List<ProjectionsApi.Resolved>();
        if (scenarios.Count > MostScenarios)
        {
            errors["scenario"] = [$"lists {scenarios.Count} scenarios; a chart compares at most {MostScenarios}."];
        }
        else
        {
            // Every scenario is checked before any is computed, so that one answer names every field at fault.
            var county = catalog.For(regionCode) ?? catalog.Home;
            foreach (var name in scenarios)
            {
                ProjectionsApi.StochasticErrors(trajectories, seed, ProjectionsApi.HorizonOf(catalog, name), options.Value, errors);
                requests.Add(ProjectionsApi.Resolve(regionCode, name, from ?? county.ObservedTotals(county.CountyCode).Keys.First(), to, catalog, errors));
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var projections = new List<ProjectionResponse>();
        foreach (var request in requests)
        {
            if (request.County is not { } county)
            {
                return ProjectionsApi.UnknownRegion(regionCode, catalog);
            }

            var built = ProjectionBuilder.Build(county, county.Projection(request.Scenario), regionCode, request.From, request.To);
            projections.Add(projections.Count == 0
                ? await ProjectionBuilder.WithUncertaintyAsync(county, gate, built, request.Scenario, trajectories, seed, request.From, request.To, cancellationToken)
                : built);
        }

        return Render(context, ChartRenderer.Total(projections), extension, $"folkmangd-{regionCode}-{string.Join("-", scenarios)}", download == true);
    }

    /// <summary>GET /api/v1/projections/{regionCode}/charts/components.svg|png?scenario=&amp;from=&amp;to=&amp;download= — flows exist for projected years only, so from starts after the base year.</summary>
    public static Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult> GetComponentsChart([AsParameters] ComponentsChartRequest asked, HttpContext context, ProjectionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(asked);
        ArgumentNullException.ThrowIfNull(catalog);
        var (regionCode, extension, scenario, from, to, download) = asked;
        var errors = new Dictionary<string, string[]>();
        if (!IsImage(extension))
        {
            errors["extension"] = [$"'{extension}' is not svg or png."];
        }

        var firstProjected = (catalog.For(regionCode) ?? catalog.Home).BaseYear + 1;
        var request = ProjectionsApi.Resolve(regionCode, scenario, from ?? firstProjected, to, catalog, errors);
        if (from is null)
        {
            // The default first year fails only where the scenario is unknown (no projected years): that error is the scenario's, not a from never sent.
            errors.Remove("from");
        }
        else if (from < firstProjected && !errors.ContainsKey("from"))
        {
            errors["from"] = [$"must be a projected year, {firstProjected} or later (births, deaths and moves are projected from the base year on), was {from}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (request.County is not { } county)
        {
            return ProjectionsApi.UnknownRegion(regionCode, catalog);
        }

        var projection = ProjectionBuilder.Build(county, county.Projection(request.Scenario), regionCode, request.From, request.To);
        return Render(context, ChartRenderer.Components(projection), extension, $"komponenter-{regionCode}-{request.Scenario}", download == true);
    }

    /// <summary>GET /api/v1/projections/{regionCode}/charts/pyramid.svg|png?year=&amp;scenario=&amp;download=</summary>
    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetPyramidChart([AsParameters] PyramidChartRequest asked, HttpContext context, ProjectionCatalog catalog, StochasticGate gate, IOptions<ProjectionServiceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(asked);
        ArgumentNullException.ThrowIfNull(context);
        var (regionCode, extension, year, scenario, download, trajectories, seed) = asked;
        ArgumentNullException.ThrowIfNull(options);
        var errors = new Dictionary<string, string[]>();
        if (!IsImage(extension))
        {
            errors["extension"] = [$"'{extension}' is not svg or png."];
        }

        ProjectionsApi.PyramidStochasticErrors(trajectories, seed, scenario, catalog, options.Value, errors);
        var pyramid = ProjectionsApi.ResolvePyramid(regionCode, year, scenario, catalog, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (pyramid is null)
        {
            return ProjectionsApi.UnknownRegion(regionCode, catalog);
        }

        var county = catalog.For(regionCode)!;
        var withIntervals = await ProjectionBuilder.WithUncertaintyAsync(county, gate, pyramid, trajectories, seed, context.RequestAborted);

        // The scale of the base year's and the last year's pyramids too, as the page draws it: the years of a film share one axis.
        var projection = county.Projection(pyramid.Scenario);
        var ends = new[] { county.BaseYear, county.BaseYear + catalog.Scenarios[pyramid.Scenario].Horizon }
            .Select(end => ProjectionBuilder.Pyramid(county, projection, regionCode, end))
            .ToList();
        return Render(context, ChartRenderer.Pyramid(withIntervals, county.BaseYear, ends), extension, $"pyramid-{regionCode}-{pyramid.Year}", download == true);
    }

    /// <summary>What every chart endpoint shares: cached, and answered with SVG or PNG, or a problem (400, 404).</summary>
    private static RouteHandlerBuilder AnsweredAsImage(this RouteHandlerBuilder endpoint) => endpoint
        .CacheOutput(ProjectionsApi.CachePolicy)
        .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml", additionalContentTypes: ["image/png"])
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>The most scenarios one chart compares: main, low, high and two more.</summary>
    public const int MostScenarios = 5;

    private static bool IsImage(string extension) => extension is "svg" or "png";

    /// <summary>An image shown where it is opened (inline), or sent as a file to save when <paramref name="download"/>.</summary>
    private static FileContentHttpResult Render(HttpContext context, Plot plot, string extension, string name, bool download)
    {
        var file = $"{name}.{extension}";
        var bytes = ChartRenderer.Bytes(plot, extension);
        var type = extension == "svg" ? "image/svg+xml" : "image/png";
        if (download)
        {
            return TypedResults.File(bytes, type, file);
        }

        context.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { Inline = true, FileName = file }.ToString();
        return TypedResults.File(bytes, type);
    }
}

/// <summary>What GET …/charts/total.svg|png asks for.</summary>
/// <param name="RegionCode">A region's code or name.</param>
/// <param name="Extension">svg or png.</param>
/// <param name="Scenario">One scenario, or up to five comma-separated to compare.</param>
/// <param name="From">The first year drawn.</param>
/// <param name="To">The last year drawn.</param>
/// <param name="Trajectories">Stochastic trajectories for the first scenario's bands.</param>
/// <param name="Seed">The trajectories' random seed.</param>
/// <param name="Download">True: sent as an attachment.</param>
public sealed record TotalChartRequest(
    [FromRoute(Name = "regionCode")] string RegionCode,
    [FromRoute(Name = "extension")] string Extension,
    [FromQuery(Name = "scenario")] string? Scenario,
    [FromQuery(Name = "from")] int? From,
    [FromQuery(Name = "to")] int? To,
    [FromQuery(Name = "trajectories")] int? Trajectories,
    [FromQuery(Name = "seed")] long? Seed,
    [FromQuery(Name = "download")] bool? Download) : IRegionRequest
{
    public IRegionRequest WithRegionCode(string code) => this with { RegionCode = code };
}

/// <summary>What GET …/charts/components.svg|png asks for.</summary>
/// <param name="RegionCode">A region's code or name.</param>
/// <param name="Extension">svg or png.</param>
/// <param name="Scenario">A scenario's name; main when not given.</param>
/// <param name="From">The first projected year drawn; the base year + 1 when not given.</param>
/// <param name="To">The last year drawn; the scenario's last when not given.</param>
/// <param name="Download">True: sent as an attachment.</param>
public sealed record ComponentsChartRequest(
    [FromRoute(Name = "regionCode")] string RegionCode,
    [FromRoute(Name = "extension")] string Extension,
    [FromQuery(Name = "scenario")] string? Scenario,
    [FromQuery(Name = "from")] int? From,
    [FromQuery(Name = "to")] int? To,
    [FromQuery(Name = "download")] bool? Download) : IRegionRequest
{
    public IRegionRequest WithRegionCode(string code) => this with { RegionCode = code };
}

/// <summary>What GET …/charts/pyramid.svg|png asks for.</summary>
/// <param name="RegionCode">A region's code or name.</param>
/// <param name="Extension">svg or png.</param>
/// <param name="Year">The year; the base year when not given.</param>
/// <param name="Scenario">A scenario's name; main when not given.</param>
/// <param name="Download">True: sent as an attachment.</param>
/// <param name="Trajectories">Stochastic trajectories for the bands' intervals.</param>
/// <param name="Seed">The trajectories' random seed.</param>
public sealed record PyramidChartRequest(
    [FromRoute(Name = "regionCode")] string RegionCode,
    [FromRoute(Name = "extension")] string Extension,
    [FromQuery(Name = "year")] int? Year,
    [FromQuery(Name = "scenario")] string? Scenario,
    [FromQuery(Name = "download")] bool? Download,
    [FromQuery(Name = "trajectories")] int? Trajectories,
    [FromQuery(Name = "seed")] long? Seed) : IRegionRequest
{
    public IRegionRequest WithRegionCode(string code) => this with { RegionCode = code };
}
