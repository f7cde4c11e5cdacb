namespace Projection.Core;

/// <summary>How many trajectories to draw, from which seed, on how many threads, and which age groups to summarise.</summary>
public sealed record StochasticOptions
{
    /// <summary>The most trajectories one run accepts.</summary>
    public const int MaxTrajectories = 100_000;

    /// <summary>Trajectories drawn (1..100,000).</summary>
    public int Trajectories { get; init; } = 1000;

    /// <summary>The seed: the same seed, input and scenario give the same intervals whatever the thread count.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Threads to spread trajectories over; 0 or less uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>Age groups summarised besides the total.</summary>
    public IReadOnlyList<AgeGroup> AgeGroups { get; init; } = AgeGroupings.Planning;

    /// <summary>
    /// Told the number of trajectories finished so far (from any thread), so that a long run can
    /// show progress and time left: after each block of them, or, where regions run one at a time
    /// (no migration pool), after each region, as the share of the work done counted in trajectories.
    /// </summary>
    public IProgress<int>? Progress { get; init; }

    /// <summary>
    /// Runs every trajectory in double precision, one at a time, instead of in single-precision
    /// lanes (which regions without a migration pool take by default): the reference the lanes
    /// are checked against.
    /// </summary>
    internal bool DoublePrecision { get; init; }

    internal void Validate(ValidationErrors errors)
    {
        errors.RequireInRange("trajectories", Trajectories, 1, MaxTrajectories);
        if (AgeGroups is null)
        {
            errors.Add("ageGroups", "is required.");
        }
    }
}
