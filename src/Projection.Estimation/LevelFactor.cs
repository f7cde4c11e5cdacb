namespace Projection.Estimation;

/// <summary>
/// A small area's level relative to its standard, shrunk toward 1 where events are few:
/// (observed + κ) / (expected + κ). This is the posterior mean of a Poisson rate ratio under a
/// gamma prior with mean 1 and weight κ events (Clayton and Kaldor 1987; the credibility
/// idea behind SCB's and the GLA's small-area levels). With κ = 20, a municipality with 10
/// expected events moves a third of the way to its observed ratio; one with 1,000 moves 98 %.
/// </summary>
public static class LevelFactor
{
    /// <summary>The prior weight in events used for municipal fertility and mortality levels.</summary>
    public const double DefaultPriorEvents = 20;

    public static double Shrunk(double observed, double expected, double priorEvents = DefaultPriorEvents)
    {
        if (observed < 0 || expected < 0 || priorEvents <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(observed), "Counts must be non-negative and the prior weight positive.");
        }

        return (observed + priorEvents) / (expected + priorEvents);
    }
}
