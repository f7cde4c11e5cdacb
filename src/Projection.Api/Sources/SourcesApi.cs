using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Projection.Api.Hosting;

namespace Projection.Api.Sources;

/// <summary>The sources resource: refreshing the store from SCB, as a background job with a status URL. Needs an API key.</summary>
public static class SourcesApi
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static RouteGroupBuilder MapSources(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sources").WithTags("Sources");
        group.MapPost("/refresh", PostRefresh)
            .AllowQuery()
            .WithName("PostRefresh")
            .WithSummary("Starts fetching fresh statistics from SCB into the store (header X-Api-Key). Off when no key is configured.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/refresh/{id:guid}", GetRefresh)
            .AllowQuery()
            .WithName("GetRefresh")
            .WithSummary("The state of a refresh.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static Results<Accepted<RefreshJob>, ProblemHttpResult> PostRefresh(HttpRequest request, RefreshJobs jobs, IOptions<ProjectionServiceOptions> options)
    {
        var key = options.Value.RefreshApiKey;
        if (string.IsNullOrEmpty(key))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Refreshing is off", detail: "No Projection:RefreshApiKey is configured on this service.");
        }

        var given = request.Headers[ApiKeyHeader].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid API key is required", detail: $"Send it in the {ApiKeyHeader} header.");
        }

        var job = jobs.Enqueue();
        return TypedResults.Accepted($"/api/v1/sources/refresh/{job.Id}", job);
    }

    public static Results<Ok<RefreshJob>, ProblemHttpResult> GetRefresh(Guid id, RefreshJobs jobs) =>
        jobs.Find(id) is { } job
            ? TypedResults.Ok(job)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown refresh", detail: $"No refresh {id} since the service started.");
}
