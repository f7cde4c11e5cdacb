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

    /// <summary>The SQLite store of fetched source tables; created on first start.</summary>
    [Required]
    public string StorePath { get; set; } = Path.Combine("data", "projection.db");

    /// <summary>The key that <c>POST /api/v1/sources/refresh</c> requires in <c>X-Api-Key</c>; none configured: the endpoint is off.</summary>
    public string? RefreshApiKey { get; set; }

    /// <summary>The county the refresh fetches, and from which year.</summary>
    public string RefreshRegion { get; set; } = "19";

    [Range(1968, 2100)]
    public int RefreshFromYear { get; set; } = 2000;

    /// <summary>Custom projections (POST) allowed per client and minute.</summary>
    [Range(1, 1_000_000)]
    public int CustomProjectionsPerMinute { get; set; } = 60;
}
