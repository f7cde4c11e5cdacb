using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Projection.Api.Hosting;

/// <summary>
/// Swagger that explains itself: every operation's summary and description from its
/// <c>WithSummary</c>/<c>WithDescription</c> (the handlers' XML comments are for the code's
/// readers and would otherwise repeat the path), and every parameter described, with an example,
/// from one table, since the same parameters recur across the endpoints.
/// </summary>
internal sealed class OpenApiDescriptions : IOperationFilter
{
    private static readonly Dictionary<string, (string Description, string? Example)> Parameters = new(StringComparer.Ordinal)
    {
        ["regionCode"] = ("SCB's region code, or the region's name (case, å/ä/ö and the words kommun/län do not matter, but to tell namesakes apart: Uppsala is the municipality, Uppsala län the county): any of Sweden's 21 counties and 290 municipalities (GET /api/v1/regions).", "1980"),
        ["scenario"] = ("The scenario: main, low, high or a saved one (GET /api/v1/scenarios). Default main. The total chart compares several, e.g. main,low,high.", "main"),
        ["from"] = ("The first year (from 1950; published totals before the base year). Default: the base year − 10 (the total chart: 1950).", "2014"),
        ["to"] = ("The last year, at most the base year + the scenario's horizon. Default: that last year.", "2054"),
        ["years"] = ("Only these years, separated by commas (within from–to when those are given).", "2030,2035,2040"),
        ["ageGroups"] = ("Age groups instead of the planning groups: ranges A-B, open A+, single ages; at most 120. Not together with trajectories.", "1-5,6-15,16-18,80+"),
        ["format"] = ("json (default), csv (comma, decimal point), or csv-excel (Swedish Excel: semicolon, decimal comma, Swedish headers, whole persons). Accept: text/csv also gives csv.", "csv-excel"),
        ["trajectories"] = ("Adds 80 % and 95 % intervals from this many stochastic trajectories (1..5,000; at most 150,000 trajectory-years per request).", "500"),
        ["seed"] = ("The random seed of the trajectories (0 or more; default 1): the same seed gives the same intervals.", "1"),
        ["year"] = ("The year of the pyramid, from the base year to its last projected year. Default: the base year.", "2040"),
        ["extension"] = ("svg or png.", "svg"),
        ["download"] = ("true: sent as an attachment to save, with a file name; otherwise shown inline.", "false"),
        ["id"] = ("The id returned when it was created.", null),
        ["name"] = ("The scenario's name.", "fler-barn"),
    };

    /// <summary>Where one operation reads a parameter differently from the others: (operation id, parameter) → its own description and example.</summary>
    private static readonly Dictionary<(string Operation, string Parameter), (string Description, string? Example)> OwnReadings = new()
    {
        [("GetComponentsChart", "from")] = ("The first year drawn: a projected year, the base year + 1 or later (flows exist for projected years only). Default: the base year + 1.", "2030"),
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IEndpointSummaryMetadata>().LastOrDefault() is { } summary)
        {
            operation.Summary = summary.Summary;
        }

        if (metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IEndpointDescriptionMetadata>().LastOrDefault() is { } description)
        {
            operation.Description = description.Description;
        }

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name is { } name && (OwnReadings.TryGetValue((operation.OperationId ?? "", name), out var known) || Parameters.TryGetValue(name, out known)))
            {
                parameter.Description = known.Description;
                if (known.Example is { } example)
                {
                    parameter.Example = JsonValue.Create(example);
                }
            }
        }
    }
}
