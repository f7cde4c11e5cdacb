using Microsoft.Extensions.Options;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Projection.Api.Hosting;
using Projection.Api.Projections;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Api.Scenarios;

/// <summary>A named scenario with its assumptions and their sources.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Description">What it assumes.</param>
/// <param name="Assumptions">Its levels.</param>
/// <param name="Sources">Where each level comes from.</param>
/// <param name="MigrationSource">baseline, model, or null for the default (models/migration/MODEL_CARD.md).</param>
public sealed record ScenarioResponse(string Name, string Description, Scenario Assumptions, IReadOnlyList<string> Sources, string? MigrationSource = null);

/// <summary>A custom scenario to save: overrides on a base scenario (each assumption given replaces the base's of that kind).</summary>
public sealed record SaveScenarioRequest(string Name, string? Description, string? BaseScenario, int? Horizon, FertilityAssumption? Fertility, MortalityAssumption? Mortality, MigrationAssumption? Migration, string? MigrationSource = null);

/// <summary>The scenarios resource: the shipped ones and those users saved.</summary>
public static partial class ScenariosApi
{
    public static RouteGroupBuilder MapScenarios(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/scenarios").WithTags("Scenarios");
        group.MapGet("/", GetScenarios)
            .AllowQuery()
            .WithName("GetScenarios")
            .WithSummary("The main, low and high scenarios and any saved custom ones, with their assumptions and where each level comes from.");
        group.MapGet("/{name}", GetScenario)
            .AllowQuery()
            .WithName("GetScenario")
            .WithSummary("One scenario.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", PostScenario)
            .AllowQuery()
            .WithName("PostScenario")
            .WithSummary("Saves a custom scenario under a name, so that projections can be asked for by it.")
            .RequireRateLimiting(RequestLimits.CustomProjections)
            .WithMetadata(new RequestSizeLimitAttribute(ProjectionsApi.MaxRequestBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(ApiKeys.WritePolicy);
        group.MapDelete("/{name}", DeleteScenario)
            .WithName("DeleteScenario")
            .WithSummary("Deletes a saved scenario: by the key that saved it, or an admin key. The shipped ones cannot be deleted.")
            .AllowQuery()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiKeys.WritePolicy);
        return group;
    }

    /// <summary>DELETE /api/v1/scenarios/{name}</summary>
    public static Results<NoContent, ProblemHttpResult> DeleteScenario(string name, ClaimsPrincipal user, ProjectionCatalog catalog, ScenarioStore store)
    {
        var (saved, owner) = store.OwnerOf(name);
        if (!saved)
        {
            return TypedResults.Problem(
                statusCode: catalog.Scenarios.ContainsKey(name) ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound,
                title: catalog.Scenarios.ContainsKey(name) ? "A shipped scenario cannot be deleted" : "Unknown scenario",
                detail: catalog.Scenarios.ContainsKey(name) ? $"'{name}' is one of the service's own scenarios (models/scenarios)." : $"There is no saved scenario '{name}'.");
        }

        if (!user.MayChange(owner))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours", detail: $"'{name}' was saved with another key; only that key or an admin key may delete it.");
        }

        store.Delete(name);
        catalog.RemoveScenario(name);
        return TypedResults.NoContent();
    }

    public static Ok<IReadOnlyList<ScenarioResponse>> GetScenarios(ProjectionCatalog catalog) =>
        TypedResults.Ok<IReadOnlyList<ScenarioResponse>>(catalog.Scenarios.Values.OrderBy(s => s.Name, StringComparer.Ordinal).Select(Response).ToList());

    public static Results<Ok<ScenarioResponse>, ProblemHttpResult> GetScenario(string name, ProjectionCatalog catalog) =>
        catalog.Scenarios.TryGetValue(name, out var scenario)
            ? TypedResults.Ok(Response(scenario))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown scenario", detail: $"There is no scenario '{name}'.");

    public static Results<Created<ScenarioResponse>, ValidationProblem, ProblemHttpResult> PostScenario(SaveScenarioRequest request, ClaimsPrincipal user, ProjectionCatalog catalog, ScenarioStore store, TimeProvider time, IOptions<ProjectionServiceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        var baseName = request.BaseScenario ?? "main";

        // Every problem of the request at once: its name, its base and its assumptions.
        var errors = new Dictionary<string, string[]>();
        if (request.Name is null || !ScenarioName().IsMatch(request.Name))
        {
            errors["name"] = ["must be 1–40 lower-case letters, digits or hyphens, starting with a letter or digit."];
        }

        if (!catalog.Scenarios.TryGetValue(baseName, out var baseScenario))
        {
            errors["baseScenario"] = [$"unknown scenario '{baseName}'."];
        }

        if (request.MigrationSource is not (null or "baseline" or "model"))
        {
            errors["migrationSource"] = [$"must be \"baseline\" or \"model\", not \"{request.MigrationSource}\"."];
        }

        var document = new ScenarioFile.Document
        {
            Name = request.Name ?? "",
            MigrationSource = request.MigrationSource ?? baseScenario?.MigrationSource,
            Description = request.Description ?? $"Custom scenario based on {baseName}.",
            Horizon = request.Horizon ?? baseScenario?.Horizon ?? new Scenario().Horizon,
            Fertility = request.Fertility ?? baseScenario?.Fertility ?? new FertilityAssumption(),
            Mortality = request.Mortality ?? baseScenario?.Mortality ?? new MortalityAssumption(),
            Migration = request.Migration ?? baseScenario?.Migration ?? new MigrationAssumption(),
            Sources = [$"Saved through the API on {time.GetUtcNow():yyyy-MM-dd}, overriding '{baseName}' where given; its other levels and their sources are those of '{baseName}'."],
        };
        try
        {
            document.ToScenario().Validate();
        }
        catch (InvalidInputException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                errors.TryAdd(field, messages);
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!user.IsAdmin() && user.KeyId() is { } key && store.CountOwnedBy(key) >= options.Value.MaxSavedScenariosPerKey)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Quota reached",
                detail: $"This key keeps {options.Value.MaxSavedScenariosPerKey} saved scenarios (MaxSavedScenariosPerKey); delete one (DELETE /api/v1/scenarios/{{name}}) to save another.");
        }

        if (catalog.Scenarios.ContainsKey(document.Name) || !store.TryAdd(document, time.GetUtcNow(), user.KeyId()))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The name is taken", detail: $"A scenario '{document.Name}' exists already; choose another name.");
        }

        catalog.AddScenario(document);
        return TypedResults.Created($"/api/v1/scenarios/{document.Name}", Response(document));
    }

    private static ScenarioResponse Response(ScenarioFile.Document s) => new(s.Name, s.Description, s.ToScenario(), s.Sources, s.MigrationSource);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex ScenarioName();
}
