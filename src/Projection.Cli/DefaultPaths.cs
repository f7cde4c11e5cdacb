namespace Projection.Cli;

/// <summary>Where the embedded default data and scenario files are: copied beside the program at build time.</summary>
internal static class DefaultPaths
{
    public static string Seed => Path.Combine(AppContext.BaseDirectory, "seeds", "vastmanland.json");

    /// <summary>The store the service uses too (<see cref="Projection.Application.StoreLocation"/>), unless --db gives another.</summary>
    public static string Store => Projection.Application.StoreLocation.Default;

    public static string Uncertainty => Path.Combine(AppContext.BaseDirectory, "models", "uncertainty.json");

    public static string MigrationModel => Path.Combine(AppContext.BaseDirectory, "models", "migration");

    public static string Scenarios => Path.Combine(AppContext.BaseDirectory, "models", "scenarios");
}
