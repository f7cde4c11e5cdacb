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

    /// <summary>The SQLite store of fetched source tables; created on first start.</summary>
    [Required]
    public string StorePath { get; set; } = Path.Combine("data", "projection.db");

    /// <summary>Custom projections (POST) allowed per client and minute.</summary>
    [Range(1, 10_000)]
    public int CustomProjectionsPerMinute { get; set; } = 60;
}
