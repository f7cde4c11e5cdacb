namespace Projection.Estimation;

/// <summary>
/// The level fertility returns to: the mean of a region's yearly total fertility rates over the
/// twenty years to the base year. Sweden's fertility moves in long swings (TFR 2.13 in 1990,
/// 1.50 in 1999, 1.98 in 2010: SCB's series), so the latest year alone carried forward projects a
/// peak or a trough for ever; returning to the twenty years' mean within five years
/// (<see cref="Projection.Core.RegionRates.YearsToLongRunFertility"/>) was chosen on the
/// backtests' bases 1990–1997 among means of 5–22 years reached in 1–15 years, and on the held-out
/// bases 1998–2005 it took the ten-year error at age 0 from 19.1 to 11.4 % (docs/accuracy.md).
/// Mean-reverting fertility with an ultimate level is also how Lee (1993) models it for forecasting.
/// </summary>
public static class LongRunFertility
{
    /// <summary>Years of TFR averaged for the long-run level.</summary>
    public const int DefaultYears = 20;

    /// <summary>
    /// The level fertility returns to from <paramref name="baseYear"/>: the mean TFR of the
    /// <paramref name="years"/> years to it (those known); null for 0 years (the base level held) or none known.
    /// </summary>
    public static double? ToBaseYear(ObservedStatistics observed, int baseYear, int years) =>
        years > 0 ? MeanTotalFertility(observed, baseYear - years + 1, baseYear) : null;

    /// <summary>
    /// The mean of the yearly TFRs of <paramref name="firstYear"/>–<paramref name="lastYear"/>, over
    /// the years whose births and populations are known; null when none is.
    /// </summary>
    public static double? MeanTotalFertility(ObservedStatistics observed, int firstYear, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var (sum, years) = (0.0, 0);
        for (var year = firstYear; year <= lastYear; year++)
        {
            if (observed.CanEstimate(year))
            {
                sum += RateEstimator.Estimate(observed, year, year).TotalFertility;
                years++;
            }
        }

        return years > 0 ? sum / years : null;
    }
}
