using System.ComponentModel.DataAnnotations;

namespace Projection.Api;

/// <summary>Where the service finds its data, bound from configuration section <c>Projection</c> and checked at start.</summary>
public sealed class ProjectionServiceOptions
{
    public const string Section = "Projection";

    /// <summary>The seed file; default: the embedded Västmanland data beside the program.</summary>
    [Required]
    public string SeedPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "seeds", "vastmanland.json");

    /// <summary>The directory of scenario files.</summary>
    [Required]
    public string ScenariosPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "models", "scenarios");

    /// <summary>The uncertainty model of stochastic projections (models/uncertainty.json).</summary>
    [Required]
    public string UncertaintyPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "models", "uncertainty.json");

    /// <summary>The learned migration model's directory (model.zip, evaluation.json; models/migration).</summary>
    [Required]
    public string MigrationModelPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "models", "migration");

    /// <summary>The most trajectories a GET of a projection may ask for (POSTed batches may ask for up to 100,000).</summary>
    [Range(1, 100_000)]
    public int MaxTrajectoriesPerRequest { get; set; } = 5000;

    /// <summary>The SQLite store (sources, saved scenarios, runs, batch jobs), shared with the command line; created on first start. Default: <see cref="Projection.Application.StoreLocation.Default"/>.</summary>
    [Required]
    public string StorePath { get; set; } = Projection.Application.StoreLocation.Default;

    /// <summary>The key that <c>POST /api/v1/sources/refresh</c> requires in <c>X-Api-Key</c>; none configured: the endpoint is off.</summary>
    public string? RefreshApiKey { get; set; }

    /// <summary>The county the refresh fetches, and from which year.</summary>
    public string RefreshRegion { get; set; } = "19";

    [Range(1968, 2100)]
    public int RefreshFromYear { get; set; } = 2000;

    /// <summary>Custom projections (POST) allowed per client and minute.</summary>
    [Range(1, 1_000_000)]
    public int CustomProjectionsPerMinute { get; set; } = 60;

    /// <summary>Stochastic GETs (with <c>trajectories</c>) and batches allowed per client and minute; new seeds bypass the cache, so each is real work.</summary>
    [Range(1, 1_000_000)]
    public int StochasticRequestsPerMinute { get; set; } = 30;

    /// <summary>
    /// The most work one request may ask for, in trajectory-years (trajectories × years projected):
    /// 150,000 is 5,000 trajectories over 30 years, about a second on one core for a county of ten
    /// municipalities (docs/performance.md). Larger sets: a batch, or the command line.
    /// </summary>
    [Range(1, 100_000_000)]
    public long MaxTrajectoryYearsPerRequest { get; set; } = 150_000;

    /// <summary>
    /// The most work one run of a submitted batch may ask for, in trajectory-years: a run keeps its
    /// trajectories' totals by age group in memory, about 470 bytes per trajectory-year for a county
    /// of ten municipalities, so 500,000 (5,000 trajectories over 100 years) is about 235 MB.
    /// </summary>
    [Range(1, 100_000_000)]
    public long MaxTrajectoryYearsPerRun { get; set; } = 500_000;

    /// <summary>The most work one submitted batch may hold, in trajectory-years over all its runs (a deterministic run counts its years); the command line has no such cap.</summary>
    [Range(1, 1_000_000_000)]
    public long MaxTrajectoryYearsPerBatch { get; set; } = 5_000_000;

    /// <summary>The most runs one batch submitted through the API may hold (a batch file for the command line may hold 1,000).</summary>
    [Range(1, 1000)]
    public int MaxRunsPerBatch { get; set; } = 200;

    /// <summary>Quota: the most batches one API key may have queued or running at once (admin keys have none); more wait until some finish, or go to the command line.</summary>
    [Range(1, 10_000)]
    public int MaxActiveBatchesPerKey { get; set; } = 3;

    /// <summary>Quota: the most scenarios one API key may keep saved (admin keys have none); deleting one frees its place.</summary>
    [Range(1, 100_000)]
    public int MaxSavedScenariosPerKey { get; set; } = 50;

    /// <summary>The most region codes one custom projection may list (after removing repeats).</summary>
    [Range(1, 10_000)]
    public int MaxRegionsPerRequest { get; set; } = 50;

    /// <summary>How many stochastic computations run at once; the rest wait (up to <see cref="StochasticQueue"/>), so that health checks and cached reads stay fast whatever runs. Default: half the cores, at least one.</summary>
    [Range(1, 1024)]
    public int StochasticConcurrency { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How many stochastic computations may wait for a turn; one more is answered 503 with Retry-After.</summary>
    [Range(0, 10_000)]
    public int StochasticQueue { get; set; } = 8;

    /// <summary>Origins (scheme://host[:port]) whose pages may call the API from a browser, e.g. the infographic's site; none by default.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Rounds of a small stochastic projection run in the background at start (<see cref="Hosting.IntervalWarmUp"/>),
    /// so that the first planners asking for intervals get the compiled code's speed; 0 turns it off.
    /// </summary>
    [Range(0, 100)]
    public int IntervalWarmUpRounds { get; set; } = 12;

    /// <summary>Serve Swagger UI at /swagger (the OpenAPI document stays at /swagger/v1/swagger.json); a public deployment may turn it off.</summary>
    public bool SwaggerUi { get; set; } = true;
}
