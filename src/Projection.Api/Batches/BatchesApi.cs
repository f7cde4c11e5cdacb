using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Projection.Api.Hosting;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Api.Batches;

/// <summary>A batch job's state, progress and runs.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Name">The batch's name.</param>
/// <param name="State">queued, running, completed, cancelled or failed.</param>
/// <param name="CreatedAt">When it was submitted.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Finished">Runs finished.</param>
/// <param name="Total">Runs in the batch.</param>
/// <param name="Runs">Each run: its name, state (done or pending) and, when done, where to get it.</param>
/// <param name="Error">Why it failed.</param>
public sealed record BatchStatus(string Id, string Name, string State, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Finished, int Total, IReadOnlyList<BatchRunStatus> Runs, string? Error);

/// <summary>One run of a batch job.</summary>
/// <param name="Name">Its name in the batch.</param>
/// <param name="State">done or pending.</param>
/// <param name="RunId">Its id in the run store, when done.</param>
/// <param name="Location">Where its results are, when done.</param>
public sealed record BatchRunStatus(string Name, string State, string? RunId, string? Location);

/// <summary>A stored run, as listed.</summary>
public sealed record RunSummary(string Id, string Name, string Batch, DateTimeOffset CreatedAt, string DataVersion, IReadOnlyList<string> Regions, string Scenario, int? Trajectories);

/// <summary>Batches (many runs, computed in the background) and the runs they leave in the store, citable by id.</summary>
public static class BatchesApi
{
    /// <summary>The largest batch document accepted, in bytes.</summary>
    public const long MaxRequestBytes = 256 * 1024;

    public static void MapBatches(this IEndpointRouteBuilder app)
    {
        var batches = app.MapGroup("/api/v1/batches").WithTags("Batches");
        batches.MapPost("/", PostBatch)
            .AllowQuery()
            .RequireRateLimiting(RequestLimits.Stochastic)
            .WithName("PostBatch")
            .WithSummary("Submits a batch (docs/batches.md); 202 with a Location to poll. Runs already in the store are not computed again.")
            .Accepts<BatchFile.Document>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .Produces<BatchStatus>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireAuthorization(ApiKeys.WritePolicy);
        batches.MapGet("/{id}", GetBatch)
            .AllowQuery()
            .WithName("GetBatch")
            .WithSummary("A batch's state, progress and the location of each finished run.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        batches.MapDelete("/{id}", CancelBatch)
            .AllowQuery()
            .WithName("CancelBatch")
            .WithSummary("Cancels a batch: at once when queued, after stopping its current run when running. Finished runs stay in the store.")
            .Produces<BatchStatus>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiKeys.WritePolicy);

        var runs = app.MapGroup("/api/v1/runs").WithTags("Batches");
        runs.MapGet("/", ListRuns).AllowQuery().WithName("ListRuns").WithSummary("Every stored run, newest first.");
        runs.MapGet("/{id}", GetRun)
            .AllowQuery("format")
            .WithName("GetRun")
            .WithSummary("A stored run by id: its specification and one projection per region (JSON, or CSV with format=csv, or for Swedish Excel with format=csv-excel).")
            .Produces<StoredRun>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>POST /api/v1/batches</summary>
    public static async Task<Results<Accepted<BatchStatus>, ValidationProblem, ProblemHttpResult>> PostBatch(HttpRequest request, ClaimsPrincipal user, ProjectionCatalog catalog, BatchJobStore jobs, RunStore runs, BatchWorker worker, TimeProvider time, IOptions<ProjectionServiceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        string body;
        using (var reader = new StreamReader(request.Body))
        {
            body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }

        BatchFile.Document document;
        try
        {
            document = BatchFile.Deserialize(body, "body");
        }
        catch (InvalidDataFileException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [e.Message] });
        }

        // InvalidInputException becomes a 400 naming every run and field (ProblemDetailsExceptionHandler).
        var data = catalog.RunData();
        var specifications = BatchRuns.Resolve(document, data);
        if (CostErrors(specifications, options.Value) is { Count: > 0 } tooMuch)
        {
            return TypedResults.ValidationProblem(tooMuch);
        }

        if (!user.IsAdmin() && user.KeyId() is { } key && jobs.ActiveOwnedBy(key) >= options.Value.MaxActiveBatchesPerKey)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Quota reached",
                detail: $"This key has {options.Value.MaxActiveBatchesPerKey} batches queued or running (MaxActiveBatchesPerKey). Submit more when one has finished, cancel one, or run large sweeps with the command line (projection batch, projection worker).");
        }

        var job = jobs.Add(document.Name, BatchFile.Serialize(document), time.GetUtcNow(), user.KeyId());
        worker.Notify();
        return TypedResults.Accepted($"/api/v1/batches/{job.Id}", Status(job, specifications.Select(s => s.Name).ToList(), runs));
    }

    /// <summary>
    /// What a batch asks the service to compute, against its limits: runs, trajectory-years per run
    /// (a run's memory grows with them) and in all. The command line has no such limits.
    /// </summary>
    internal static Dictionary<string, string[]> CostErrors(IReadOnlyList<RunSpecification> runs, ProjectionServiceOptions limits)
    {
        const string Elsewhere = "Run larger sets with the command line (projection batch FILE), which has no such limit.";
        var errors = new Dictionary<string, string[]>();
        if (runs.Count > limits.MaxRunsPerBatch)
        {
            errors["runs"] = [$"{runs.Count} runs; a batch submitted to the service may hold {limits.MaxRunsPerBatch} (MaxRunsPerBatch). {Elsewhere}"];
        }

        long total = 0;
        for (var i = 0; i < runs.Count; i++)
        {
            var cost = (long)Math.Max(1, runs[i].Trajectories ?? 1) * runs[i].Scenario.Horizon;
            total += cost;
            if (cost > limits.MaxTrajectoryYearsPerRun)
            {
                errors[$"runs[{i}].trajectories"] = [string.Create(CultureInfo.InvariantCulture, $"{runs[i].Trajectories} trajectories over {runs[i].Scenario.Horizon} years are {cost:N0} trajectory-years; one run may ask for {limits.MaxTrajectoryYearsPerRun:N0} (MaxTrajectoryYearsPerRun). {Elsewhere}")];
            }
        }

        if (total > limits.MaxTrajectoryYearsPerBatch)
        {
            errors["runs"] = [.. errors.GetValueOrDefault("runs") ?? [], string.Create(CultureInfo.InvariantCulture, $"the batch asks for {total:N0} trajectory-years in all; one batch may ask for {limits.MaxTrajectoryYearsPerBatch:N0} (MaxTrajectoryYearsPerBatch). {Elsewhere}")];
        }

        return errors;
    }

    /// <summary>GET /api/v1/batches/{id}</summary>
    public static Results<Ok<BatchStatus>, ProblemHttpResult> GetBatch(string id, BatchJobStore jobs, RunStore runs) =>
        jobs.Find(id) is { } job ? TypedResults.Ok(Status(job, RunNames(job), runs)) : NotFound("batch", id);

    /// <summary>DELETE /api/v1/batches/{id}</summary>
    public static Results<Accepted<BatchStatus>, ProblemHttpResult> CancelBatch(string id, ClaimsPrincipal user, BatchJobStore jobs, RunStore runs, BatchWorker worker, TimeProvider time)
    {
        if (jobs.Find(id) is not { } existing)
        {
            return NotFound("batch", id);
        }

        if (!user.MayChange(existing.Owner))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours", detail: "This batch was submitted with another key; only that key or an admin key may cancel it.");
        }

        if (!jobs.RequestCancel(id, time.GetUtcNow()))
        {
            return NotFound("batch", id);
        }

        worker.Cancel(id);
        var job = jobs.Find(id)!;
        return TypedResults.Accepted($"/api/v1/batches/{id}", Status(job, RunNames(job), runs));
    }

    /// <summary>GET /api/v1/runs</summary>
    public static Ok<List<RunSummary>> ListRuns(RunStore runs) =>
        TypedResults.Ok(runs.List().Select(r => new RunSummary(r.Id, r.Name, r.Batch, r.CreatedAt, r.DataVersion, r.Specification.Regions, r.Specification.Scenario.Name, r.Specification.Trajectories)).ToList());

    /// <summary>GET /api/v1/runs/{id}?format=json|csv|csv-excel, as a projection is answered (Accept: text/csv also gives csv).</summary>
    public static Results<Ok<StoredRun>, FileContentHttpResult, ValidationProblem, ProblemHttpResult> GetRun(string id, string? format, RunStore runs, HttpRequest request)
    {
        if (Projections.ResponseFormats.From(format, request) is not { } answer)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"'{format}' is not json, csv or csv-excel."] });
        }

        if (runs.Find(id) is not { } run)
        {
            return NotFound("run", id);
        }

        return answer switch
        {
            Projections.ResponseFormat.Csv => TypedResults.File(ProjectionCsv.Write(run.Projections, swedishExcel: false), "text/csv; charset=utf-8", $"run-{run.Name}-{run.Id}.csv"),
            Projections.ResponseFormat.CsvExcel => TypedResults.File(ProjectionCsv.Write(run.Projections, swedishExcel: true), "text/csv; charset=utf-8", $"run-{run.Name}-{run.Id}-excel.csv"),
            _ => TypedResults.Ok(run),
        };
    }

    private static List<string> RunNames(BatchJob job)
    {
        try
        {
            return [.. BatchFile.Deserialize(job.Document, job.Id).Runs.Select(r => r.Name)];
        }
        catch (InvalidDataFileException)
        {
            return [.. job.Runs.Keys];
        }
    }

    private static BatchStatus Status(BatchJob job, List<string> names, RunStore runs)
    {
        var statuses = names.Select(name => job.Runs.TryGetValue(name, out var runId) && runs.Contains(runId)
            ? new BatchRunStatus(name, "done", runId, $"/api/v1/runs/{runId}")
            : new BatchRunStatus(name, "pending", null, null)).ToList();
        return new BatchStatus(job.Id, job.Name, job.State, job.CreatedAt, job.UpdatedAt, statuses.Count(s => s.State == "done"), names.Count, statuses, job.Error);
    }

    private static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown {what}", detail: $"There is no {what} '{id}'.");
}
