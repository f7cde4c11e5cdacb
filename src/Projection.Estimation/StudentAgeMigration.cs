using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// Net migration at the ages when young people arrive to study and leave again. At 16–22 it is
/// the mean, in equal weights, of the long window's (twelve years) and the last three years':
/// the intake of the last few years says more about the next few than a twelve-year mean does.
/// What that adds at 16–22 is taken back evenly at 23–29, when they leave after their studies,
/// so that over 16–29 the region still gains or loses what the long window says. Chosen on the
/// backtests' early bases, and why the weight is one half: docs/accuracy.md.
/// </summary>
public static class StudentAgeMigration
{
    /// <summary>The first age (reached in the year) of the arrivals.</summary>
    public const int FirstArrivalAge = 16;

    /// <summary>The last age of the arrivals.</summary>
    public const int LastArrivalAge = 22;

    /// <summary>The last age at which the difference is taken back (from <see cref="LastArrivalAge"/> + 1).</summary>
    public const int LastLeavingAge = 29;

    /// <summary>The recent years averaged.</summary>
    public const int RecentYears = 3;

    /// <summary>The recent years' weight at the arrival ages.</summary>
    public const double RecentWeight = 0.5;

    /// <summary>
    /// Rewrites <paramref name="longWindow"/>'s migration (estimated from <paramref name="observed"/>
    /// over a window ending at <paramref name="baseYear"/>) by <see cref="Blend"/> with the last
    /// <see cref="RecentYears"/> years' rates of the same series, at the base year's population.
    /// </summary>
    public static void Apply(ObservedStatistics observed, int baseYear, EstimatedRates longWindow)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(longWindow);
        var recent = RateEstimator.Estimate(observed, baseYear - RecentYears + 1, baseYear).Rates;
        Blend(observed.Layout, longWindow.Rates, recent, observed.Population[baseYear], longWindow.MigrationMethod == RateEstimator.GrossFlows);
    }

    /// <summary>
    /// Rewrites <paramref name="longWindow"/>'s migration at 16–29 in place: each flow at 16–22
    /// blended with <paramref name="recent"/>'s, and the net difference that makes, as a count
    /// per year at the base population <paramref name="basePopulation"/>, taken back evenly at
    /// 23–29 (from in-migrants first, then as more out-migration). A layout whose oldest age is 29
    /// or less (a test's) is left as it is.
    /// </summary>
    /// <param name="layout">The rates' layout.</param>
    /// <param name="longWindow">The long window's rates (the default twelve years); changed.</param>
    /// <param name="recent">The last <see cref="RecentYears"/> years' rates.</param>
    /// <param name="basePopulation">The population at the base year, by cell: what turns the out-migration rates into counts.</param>
    /// <param name="gross">True when the long window's flows are SCB's gross ones: the difference is then taken from domestic in-migrants; with net flows, from the net arrivals (kept as immigrants).</param>
    public static void Blend(PopulationLayout layout, RegionRates longWindow, RegionRates recent, ReadOnlySpan<double> basePopulation, bool gross)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(longWindow);
        ArgumentNullException.ThrowIfNull(recent);
        if (layout.OldestAge <= LastLeavingAge)
        {
            return;
        }

        for (var s = 0; s < 2; s++)
        {
            var offset = layout.SexOffset((Sex)s);
            var added = 0.0;
            for (var age = FirstArrivalAge; age <= LastArrivalAge; age++)
            {
                var c = offset + age;
                var before = Net(longWindow, c, basePopulation[c]);
                longWindow.Immigration[c] += RecentWeight * (recent.Immigration[c] - longWindow.Immigration[c]);
                longWindow.DomesticInMigration[c] += RecentWeight * (recent.DomesticInMigration[c] - longWindow.DomesticInMigration[c]);
                longWindow.Emigration[c] += RecentWeight * (recent.Emigration[c] - longWindow.Emigration[c]);
                longWindow.DomesticOutMigration[c] += RecentWeight * (recent.DomesticOutMigration[c] - longWindow.DomesticOutMigration[c]);
                added += Net(longWindow, c, basePopulation[c]) - before;
            }

            var perAge = added / (LastLeavingAge - LastArrivalAge);
            var arrivals = gross ? longWindow.DomesticInMigration : longWindow.Immigration;
            for (var age = LastArrivalAge + 1; age <= LastLeavingAge; age++)
            {
                var c = offset + age;
                if (perAge <= 0)
                {
                    arrivals[c] -= perAge;
                    continue;
                }

                var fromArrivals = Math.Min(arrivals[c], perAge);
                arrivals[c] -= fromArrivals;
                if (basePopulation[c] > 0)
                {
                    longWindow.DomesticOutMigration[c] += (perAge - fromArrivals) / basePopulation[c];
                }
            }
        }
    }

    /// <summary>Net migrants per year in cell <paramref name="c"/> at a population of <paramref name="population"/>.</summary>
    private static double Net(RegionRates rates, int c, double population) =>
        rates.Immigration[c] + rates.DomesticInMigration[c] - ((rates.DomesticOutMigration[c] + rates.Emigration[c]) * population);
}
