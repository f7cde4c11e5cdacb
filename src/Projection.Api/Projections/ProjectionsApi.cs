using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Projection.Api.Hosting;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Api.Projections;

/// <summary>The projections resource: a region's projection, its pyramid, and custom scenarios computed on demand.</summary>
public static class ProjectionsApi
{
    public const string CachePolicy = "projections";

    /// <summary>The largest custom-projection request body accepted, in bytes.</summary>
    public const long MaxRequestBytes = 64 * 1024;

    public static RouteGroupBuilder MapProjections(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/projections").WithTags("Projections").AcceptRegionNames();
        group.MapGet("/{regionCode}", GetProjection)
            .AllowQuery("scenario", "from", "to", "years", "ageGroups", "format", "trajectories", "seed")
            .RequireRateLimiting(RequestLimits.Stochastic)
            .WithName("GetProjection")
            .WithSummary("A region's projection: per year the population by sex and planning age group and the components of change; observed totals before the base year.")
            .CacheOutput(CachePolicy)
            .Produces<ProjectionResponse>(StatusCodes.Status200OK, "application/json", "text/csv")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{regionCode}/pyramid", GetPyramid)
            .AllowQuery("year", "scenario", "format", "trajectories", "seed")
            .RequireRateLimiting(RequestLimits.Stochastic)
            .WithName("GetPyramid")
            .WithSummary("Population by single year of age and sex in one projected year.")
            .CacheOutput(CachePolicy)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", PostCustomProjection)
            .WithName("PostCustomProjection")
            .WithSummary("Projects a custom scenario (overrides on a base scenario) and returns it directly.")
            .AllowQuery()
            .RequireRateLimiting(RequestLimits.CustomProjections)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    /// <summary>
    /// GET /api/v1/projections/{regionCode}?scenario=main&amp;from=&amp;to=&amp;format=json|csv|csv-excel&amp;trajectories=&amp;seed=
    /// — with <c>trajectories</c>, the response adds 80 % and 95 % intervals from that many stochastic trajectories drawn from <c>seed</c> (default 1).
    /// <c>years</c> (e.g. 2030,2035,2040) keeps only those years; <c>ageGroups</c> (e.g. 1-5,6-15,16-18,80+) replaces the planning groups.
    /// </summary>
    public static async Task<Results<Ok<ProjectionResponse>, FileContentHttpResult, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> GetProjection(
        [AsParameters] ProjectionRequest asked,
        HttpContext context,
        ProjectionCatalog catalog,
        StochasticGate gate,
        IOptions<ProjectionServiceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(asked);
        ArgumentNullException.ThrowIfNull(context);
        var (regionCode, scenario, from, to, years, ageGroups, format, trajectories, seed) = asked;
        var responseFormat = ResponseFormats.From(format, context.Request);
        var errors = responseFormat is null
            ? new Dictionary<string, string[]> { [ResponseFormats.FormatField] = [$"'{format}' is not json, csv or csv-excel."] }
            : [];
        StochasticErrors(trajectories, seed, HorizonOf(catalog, scenario), options.Value, errors);
        var groups = PlanningQuery.AgeGroups(ageGroups, trajectories, catalog.Home.Layout, errors);
        var chosenYears = PlanningQuery.Years(years, errors);
        var (givenFrom, givenTo) = (from, to);
        if (chosenYears is not null)
        {
            // The chosen years set the range; from and to, if given too, must agree with them.
            from ??= Math.Min(chosenYears.Min(), givenTo ?? int.MaxValue);
            to ??= Math.Max(chosenYears.Max(), givenFrom ?? int.MinValue);
        }

        var (name, fromYear, toYear, firstYear, lastYear, county) = Resolve(regionCode, scenario, from, to, catalog, errors);
        if (chosenYears is not null)
        {
            // A from or to the client left out was taken from the years: what is wrong is then a year, and the error names years.
            if (givenFrom is null)
            {
                errors.Remove("from");
            }

            if (givenTo is null)
            {
                errors.Remove("to");
            }

            var problem = chosenYears.Select(year =>
                    year < firstYear || year > lastYear ? $"{year} is not a year of this projection: it has {firstYear}–{lastYear} (published totals, then the scenario's horizon)."
                    : givenFrom is { } first && year < first ? $"{year} is before from ({first})."
                    : givenTo is { } last && year > last ? $"{year} is after to ({last})."
                    : null)
                .FirstOrDefault(problem => problem is not null);
            if (problem is not null)
            {
                errors["years"] = [problem];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (county is null)
        {
            return UnknownRegion(regionCode, catalog);
        }

        var etag = ETag(catalog, county, "projection", regionCode, name, fromYear, toYear, years, ageGroups, responseFormat, trajectories, seed);
        if (NotModified(context, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var built = ProjectionBuilder.Build(county, county.Projection(name), regionCode, fromYear, toYear, groups);
        var response = PlanningQuery.OnlyYears(await ProjectionBuilder.WithUncertaintyAsync(county, gate, built, name, trajectories, seed, fromYear, toYear, context.RequestAborted), chosenYears);

        context.Response.Headers.ETag = etag;
        return responseFormat switch
        {
            ResponseFormat.Csv => TypedResults.File(ProjectionCsv.Write(response, swedishExcel: false), "text/csv; charset=utf-8", $"projection-{regionCode}-{name}.csv"),
            ResponseFormat.CsvExcel => TypedResults.File(ProjectionCsv.Write(response, swedishExcel: true), "text/csv; charset=utf-8", $"projection-{regionCode}-{name}-excel.csv"),
            _ => TypedResults.Ok(response),
        };
    }

    /// <summary>The most trajectories a pyramid's intervals may ask for: each keeps 42 bands for every year and municipality of the county (58 MB for 1,000 in Västmanland).</summary>
    public const int MaxPyramidTrajectories = 1000;

    /// <summary>
    /// GET /api/v1/projections/{regionCode}/pyramid?year=&amp;scenario=&amp;format=json|csv|csv-excel&amp;trajectories=&amp;seed=
    /// — with <c>trajectories</c> (JSON), the 80 % and 95 % intervals of each five-year band by sex in that year.
    /// </summary>
    public static async Task<Results<Ok<PyramidResponse>, FileContentHttpResult, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> GetPyramid(
        [AsParameters] PyramidRequest asked,
        HttpContext context,
        ProjectionCatalog catalog,
        StochasticGate gate,
        IOptions<ProjectionServiceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(asked);
        ArgumentNullException.ThrowIfNull(context);
        var (regionCode, year, scenario, format, trajectories, seed) = asked;
        ArgumentNullException.ThrowIfNull(options);
        var errors = new Dictionary<string, string[]>();
        var responseFormat = ResponseFormats.From(format, context.Request);
        if (responseFormat is null)
        {
            errors[ResponseFormats.FormatField] = [$"'{format}' is not json, csv or csv-excel."];
        }
        else if (trajectories is not null && responseFormat != ResponseFormat.Json)
        {
            errors["trajectories"] = ["the pyramid's intervals come as JSON; the CSV holds the single ages."];
        }

        PyramidStochasticErrors(trajectories, seed, scenario, catalog, options.Value, errors);
        var pyramid = ResolvePyramid(regionCode, year, scenario, catalog, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (pyramid is null)
        {
            return UnknownRegion(regionCode, catalog);
        }

        var county = catalog.For(regionCode)!;
        var etag = ETag(catalog, county, "pyramid", regionCode, pyramid.Scenario, pyramid.Year, responseFormat, trajectories, seed);
        if (NotModified(context, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        pyramid = await ProjectionBuilder.WithUncertaintyAsync(county, gate, pyramid, trajectories, seed, context.RequestAborted);

        context.Response.Headers.ETag = etag;
        return responseFormat switch
        {
            ResponseFormat.Csv => TypedResults.File(PyramidCsv.Write(pyramid, swedishExcel: false), "text/csv; charset=utf-8", $"pyramid-{regionCode}-{pyramid.Year}.csv"),
            ResponseFormat.CsvExcel => TypedResults.File(PyramidCsv.Write(pyramid, swedishExcel: true), "text/csv; charset=utf-8", $"pyramid-{regionCode}-{pyramid.Year}-excel.csv"),
            _ => TypedResults.Ok(pyramid),
        };
    }

    /// <summary>
    /// A pyramid request checked and answered (shared with the chart): what is wrong with its
    /// scenario or year is added to <paramref name="errors"/>; null when something is, or when the
    /// region is unknown (answered 404 once the request is otherwise valid).
    /// </summary>
    internal static PyramidResponse? ResolvePyramid(string regionCode, int? year, string? scenario, ProjectionCatalog catalog, Dictionary<string, string[]> errors)
    {
        var name = scenario ?? "main";
        if (!catalog.Scenarios.TryGetValue(name, out var document))
        {
            errors["scenario"] = [$"unknown scenario '{name}'; known: {string.Join(", ", catalog.Scenarios.Keys)}."];
            return null;
        }

        var county = catalog.For(regionCode);
        var baseYear = (county ?? catalog.Home).BaseYear;
        var at = year ?? baseYear;
        if (at < baseYear || at > baseYear + document.Horizon)
        {
            errors["year"] = [$"must be between {baseYear} (the base year; single-year ages are not published offline before it) and {baseYear + document.Horizon}, was {at}."];
        }

        return county is not null && errors.Count == 0 ? ProjectionBuilder.Pyramid(county, county.Projection(name), regionCode, at) : null;
    }

    /// <summary>POST /api/v1/projections: a custom scenario computed on demand.</summary>
    public static async Task<Results<Ok<CustomProjectionResponse>, ValidationProblem, ProblemHttpResult>> PostCustomProjection(CustomProjectionRequest request, ProjectionCatalog catalog, StochasticGate gate, IOptions<ProjectionServiceOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var baseName = request.BaseScenario ?? "main";
        if (!catalog.Scenarios.TryGetValue(baseName, out var baseScenario))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["baseScenario"] = [$"unknown scenario '{baseName}'; known: {string.Join(", ", catalog.Scenarios.Keys)}."] });
        }

        var scenario = baseScenario.ToScenario() with
        {
            Name = string.IsNullOrWhiteSpace(request.Name) ? "custom" : request.Name,
            Horizon = request.Horizon ?? baseScenario.Horizon,
            Fertility = request.Fertility ?? baseScenario.Fertility,
            Mortality = request.Mortality ?? baseScenario.Mortality,
            Migration = request.Migration ?? baseScenario.Migration,
        };

        // One answer naming every field that is wrong: the scenario's assumptions, the trajectories and the regions together.
        var errors = new Dictionary<string, string[]>();
        try
        {
            scenario.Validate();
        }
        catch (InvalidInputException e)
        {
            foreach (var (field, messages) in e.Errors)
            {
                errors[field] = messages;
            }
        }

        StochasticErrors(request.Trajectories, request.Seed, scenario.Horizon, options.Value, errors);
        var regions = RegionsAskedFor(request.Regions, catalog.CountyCode, options.Value.MaxRegionsPerRequest, errors)
            .Select(r => RegionNames.Find(r, catalog.KnownRegions) ?? r)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var unknown = regions.FirstOrDefault(r => !catalog.IsKnownRegion(r));
        if (unknown is not null)
        {
            return UnknownRegion(unknown, catalog);
        }

        // Regions of several counties: each county is projected from its own data; the answer keeps the order asked for.
        var answers = new Dictionary<string, ProjectionResponse>(StringComparer.Ordinal);
        foreach (var county in regions.Select(r => catalog.For(r)!).DistinctBy(c => c.CountyCode))
        {
            var input = county.Input;
            var projector = Projectors.Get();
            try
            {
                var result = projector.Project(input, scenario);
                var intervals = request.Trajectories is { } count
                    ? await gate.RunAsync(() => StochasticProjector.Project(input, scenario, county.Uncertainty, new StochasticOptions { Trajectories = count, Seed = (ulong)(request.Seed ?? 1) }), cancellationToken)
                    : null;
                foreach (var region in regions.Where(county.Holds))
                {
                    var built = ProjectionBuilder.Build(county, result, region, county.BaseYear, result.EndYear);
                    answers[region] = intervals is null ? built : built with { Uncertainty = UncertaintyReport.Build(intervals, region, county.IsCounty(region), county.Uncertainty, county.BaseYear, result.EndYear) };
                }
            }
            finally
            {
                // The answers are built: the projector's buffers go back for the next request.
                Projectors.Return(projector);
            }
        }

        return TypedResults.Ok(new CustomProjectionResponse(scenario, regions.Select(r => answers[r]).ToList()));
    }

    /// <summary>
    /// Custom projections are computed, reported and dropped: their buffers (0.8 MB a projection of
    /// ten municipalities over 50 years, on the large-object heap) are reused from request to request
    /// instead of allocated for each (docs/performance.md).
    /// </summary>
    private static readonly Microsoft.Extensions.ObjectPool.ObjectPool<ReusableProjector> Projectors =
        new Microsoft.Extensions.ObjectPool.DefaultObjectPool<ReusableProjector>(new ReusableProjectorPolicy());

    private sealed class ReusableProjectorPolicy : Microsoft.Extensions.ObjectPool.PooledObjectPolicy<ReusableProjector>
    {
        public override ReusableProjector Create() => new(keepComponentsByAge: false);

        public override bool Return(ReusableProjector obj) => true;
    }

    /// <summary>The horizon of the scenario a GET asks for (0 when it is unknown: <see cref="Resolve"/> says so).</summary>
    internal static int HorizonOf(ProjectionCatalog catalog, string? scenario) =>
        catalog.Scenarios.TryGetValue(scenario ?? "main", out var document) ? document.Horizon : 0;

    /// <summary>A pyramid's stochastic parameters (the data's and the chart's): as any request's, and at most <see cref="MaxPyramidTrajectories"/> trajectories.</summary>
    internal static void PyramidStochasticErrors(int? trajectories, long? seed, string? scenario, ProjectionCatalog catalog, ProjectionServiceOptions limits, Dictionary<string, string[]> errors)
    {
        StochasticErrors(trajectories, seed, HorizonOf(catalog, scenario), limits, errors);
        if (trajectories > MaxPyramidTrajectories && !errors.ContainsKey("trajectories"))
        {
            errors["trajectories"] = [$"a pyramid's intervals take at most {MaxPyramidTrajectories} trajectories, was {trajectories}; the totals' and age groups' intervals take more (GET /api/v1/projections/{{regionCode}}?trajectories=)."];
        }
    }

    /// <summary>
    /// Checks the stochastic parameters of a request (shared by the data, chart and custom
    /// endpoints): the trajectories and seed, and the work they ask for in trajectory-years
    /// (trajectories × <paramref name="horizon"/>) against the service's limits; the messages say how to do more.
    /// </summary>
    internal static void StochasticErrors(int? trajectories, long? seed, int horizon, ProjectionServiceOptions limits, Dictionary<string, string[]> errors)
    {
        if (trajectories is { } count && (count < 1 || count > limits.MaxTrajectoriesPerRequest))
        {
            errors["trajectories"] = [$"must be between 1 and {limits.MaxTrajectoriesPerRequest}, was {count}; run larger sets as a batch (POST /api/v1/batches)."];
        }
        else if (trajectories is { } asked && horizon > 0 && (long)asked * horizon is var cost && cost > limits.MaxTrajectoryYearsPerRequest)
        {
            errors["trajectories"] = [string.Create(CultureInfo.InvariantCulture, $"{asked} trajectories over {horizon} years are {cost:N0} trajectory-years; one request may ask for {limits.MaxTrajectoryYearsPerRequest:N0} (MaxTrajectoryYearsPerRequest). Ask for fewer trajectories or a shorter horizon, or run it as a batch (POST /api/v1/batches) or with the command line (projection run --trajectories).")];
        }

        if (seed is { } value && value < 0)
        {
            errors["seed"] = [$"must be zero or more, was {value}."];
        }
        else if (seed is not null && trajectories is null)
        {
            errors["seed"] = ["is only used with trajectories."];
        }
    }

    /// <summary>The regions a custom projection asks for: the county when none, each once, none empty, at most <paramref name="most"/>.</summary>
    internal static List<string> RegionsAskedFor(IReadOnlyList<string?>? asked, string county, int most, Dictionary<string, string[]> errors)
    {
        if (asked is null || asked.Count == 0)
        {
            return [county];
        }

        if (asked.Any(string.IsNullOrWhiteSpace))
        {
            errors["regions"] = ["holds an empty entry; give region codes such as \"1980\"."];
            return [];
        }

        var distinct = asked.Select(r => r!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > most)
        {
            errors["regions"] = [$"lists {distinct.Count} different regions; at most {most} per request (MaxRegionsPerRequest)."];
        }

        return distinct;
    }

    /// <summary>A projection request's scenario and years; its county's projections, or null for a region that does not exist.</summary>
    internal sealed record Resolved(string Scenario, int From, int To, int FirstYear, int LastYear, CountyProjections? County);

    /// <summary>
    /// Checks a projection request's scenario, years and region (shared by the data and chart
    /// endpoints): what is wrong is added to <paramref name="errors"/>, which the caller answers in
    /// one 400 with its own checks; an unknown region is answered 404 once the rest is valid.
    /// </summary>
    internal static Resolved Resolve(string regionCode, string? scenario, int? from, int? to, ProjectionCatalog catalog, Dictionary<string, string[]> errors)
    {
        var name = scenario ?? "main";
        if (!catalog.Scenarios.TryGetValue(name, out var document))
        {
            errors["scenario"] = [$"unknown scenario '{name}'; known: {string.Join(", ", catalog.Scenarios.Keys)}."];
        }

        // The years are the region's county's: its base year and published history (an unknown region is checked against the home county's, then answered 404).
        var known = catalog.For(regionCode);
        var county = known ?? catalog.Home;
        var first = county.ObservedTotals(county.CountyCode).Keys.DefaultIfEmpty(county.BaseYear).First();
        var last = county.BaseYear + (document?.Horizon ?? 0);
        var fromYear = from ?? county.BaseYear - 10;
        var toYear = to ?? last;
        if (fromYear < first || fromYear > last)
        {
            errors["from"] = [$"must be between {first} and {last}, was {fromYear}."];
        }

        if (toYear < first || toYear > last)
        {
            errors["to"] = [$"must be between {first} and {last} (the scenario's horizon), was {toYear}."];
        }
        else if (toYear < fromYear && !errors.ContainsKey("from"))
        {
            // Only against a from that is itself right: from=2060 alone is from's error, not also a to that was never sent.
            errors["to"] = [$"must not be before from ({fromYear}), was {toYear}."];
        }

        return new Resolved(name, fromYear, toYear, first, last, known);
    }

    internal static ProblemHttpResult UnknownRegion(string code, ProjectionCatalog catalog) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Unknown region",
            detail: $"There is no region '{code}' (a code or a name). Nearest: {string.Join(", ", RegionNames.Nearest(code, catalog.KnownRegions))}. GET /api/v1/regions lists the {catalog.KnownRegions.Count} known counties and municipalities.");

    internal static string ETag(ProjectionCatalog catalog, CountyProjections county, params object?[] parts)
    {
        var key = catalog.Version + "|" + county.Version + "|" + string.Join("|", parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));
        return $"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..20]}\"";
    }

    internal static bool NotModified(HttpContext context, string etag) =>
        context.Request.Headers.IfNoneMatch.Any(value => value is not null && (value == etag || value == "*"));
}
