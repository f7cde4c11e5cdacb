using Microsoft.AspNetCore.Http.HttpResults;
using Projection.Core;

namespace Projection.Api.Scenarios;

/// <summary>A named scenario with its assumptions and their sources.</summary>
public sealed record ScenarioResponse(string Name, string Description, Scenario Assumptions, IReadOnlyList<string> Sources);

/// <summary>The scenarios resource.</summary>
public static class ScenariosApi
{
    public static RouteGroupBuilder MapScenarios(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/scenarios").WithTags("Scenarios");
        group.MapGet("/", GetScenarios)
            .WithName("GetScenarios")
            .WithSummary("The main, low and high scenarios with their assumptions and where each level comes from.");
        return group;
    }

    public static Ok<IReadOnlyList<ScenarioResponse>> GetScenarios(ProjectionCatalog catalog) =>
        TypedResults.Ok<IReadOnlyList<ScenarioResponse>>(catalog.Scenarios.Values
            .Select(s => new ScenarioResponse(s.Name, s.Description, s.ToScenario(), s.Sources))
            .ToList());
}
