using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Projection.Api.Hosting;
using Projection.Api.Projections;
using ScottPlot;

namespace Projection.Api.Charts;

/// <summary>Ready charts of a projection as SVG or PNG, 800 × 500 pixels.</summary>
public static class ChartsApi
{
    public static RouteGroupBuilder MapCharts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/projections/{regionCode}/charts").WithTags("Charts").AcceptRegionNames();
        group.MapGet("/total.{extension}", GetTotalChart)
            .AllowQuery("scenario", "from", "to", "trajectories", "seed")
            .RequireRateLimiting(RequestLimits.Stochastic)
            .WithName("GetTotalChart")
            .WithSummary("The total over time: published history and the projection. extension: svg or png.")
            .CacheOutput(ProjectionsApi.CachePolicy)
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml", additionalContentTypes: ["image/png"])
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/pyramid.{extension}", GetPyramidChart)
            .AllowQuery("year", "scenario")
            .WithName("GetPyramidChart")
            .WithSummary("The population pyramid of a year: men to the left, women to the right. extension: svg or png.")
            .CacheOutput(ProjectionsApi.CachePolicy)
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml", additionalContentTypes: ["image/png"])
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>GET /api/v1/projections/{regionCode}/charts/total.svg|png?scenario=&amp;from=&amp;to=&amp;trajectories=&amp;seed= — with trajectories, the 80 % and 95 % intervals are drawn as bands.</summary>
    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetTotalChart(string regionCode, string extension, string? scenario, int? from, int? to, int? trajectories, long? seed, ProjectionCatalog catalog, StochasticGate gate, IOptions<ProjectionServiceOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IsImage(extension))
        {
            return Unsupported(extension);
        }

        var errors = new Dictionary<string, string[]>();
        ProjectionsApi.StochasticErrors(trajectories, seed, ProjectionsApi.HorizonOf(catalog, scenario), options.Value, errors);
        var request = ProjectionsApi.Resolve(regionCode, scenario, from ?? catalog.ObservedTotals(catalog.CountyCode).Keys.First(), to, catalog, errors);
        if (request.Invalid is { } invalid)
        {
            return invalid;
        }

        if (request.NotFound is { } notFound)
        {
            return notFound;
        }

        var projection = await ProjectionBuilder.WithUncertaintyAsync(catalog, gate, ProjectionBuilder.Build(catalog, catalog.Projection(request.Scenario), regionCode, request.From, request.To), request.Scenario, trajectories, seed, request.From, request.To, cancellationToken);

        return Render(ChartRenderer.Total(projection), extension, $"total-{regionCode}-{request.Scenario}");
    }

    /// <summary>GET /api/v1/projections/{regionCode}/charts/pyramid.svg|png?year=&amp;scenario=</summary>
    public static Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult> GetPyramidChart(string regionCode, string extension, int? year, string? scenario, ProjectionCatalog catalog)
    {
        if (!IsImage(extension))
        {
            return Unsupported(extension);
        }

        var (pyramid, invalid, notFound) = ProjectionsApi.ResolvePyramid(regionCode, year, scenario, catalog);
        if (invalid is not null)
        {
            return invalid;
        }

        if (notFound is not null)
        {
            return notFound;
        }

        return Render(ChartRenderer.Pyramid(pyramid!), extension, $"pyramid-{regionCode}-{pyramid!.Year}");
    }

    private static bool IsImage(string extension) => extension is "svg" or "png";

    private static ValidationProblem Unsupported(string extension) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["extension"] = [$"'{extension}' is not svg or png."] });

    private static FileContentHttpResult Render(Plot plot, string extension, string name) =>
        extension == "svg"
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(plot.GetSvgXml(ChartRenderer.Width, ChartRenderer.Height)), "image/svg+xml", name + ".svg")
            : TypedResults.File(plot.GetImageBytes(ChartRenderer.Width, ChartRenderer.Height, ImageFormat.Png), "image/png", name + ".png");
}
