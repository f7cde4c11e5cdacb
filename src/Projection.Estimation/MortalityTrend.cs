using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// The yearly rate at which a region's mortality has been falling: the log-linear
/// least-squares slope of its age-standardized death rate over a run of years (death rates by
/// completed age on the mean population, standardized to the population of the last year).
/// A constant improvement at all ages is the drift of a Lee–Carter model with equal age
/// responses (Lee and Carter 1992); it is what <see cref="MortalityAssumption.AnnualImprovement"/> takes.
/// </summary>
public static class MortalityTrend
{
    /// <summary>The age-standardized death rate of <paramref name="year"/>, with <paramref name="standard"/> as the standard population.</summary>
    public static double StandardizedDeathRate(ObservedStatistics observed, int year, ReadOnlySpan<double> standard)
    {
        var start = observed.Population[year - 1];
        var end = observed.Population[year];
        var deaths = observed.DeathsByAge(year);
        double weighted = 0, total = 0;
        for (var c = 0; c < standard.Length; c++)
        {
            var exposure = (start[c] + end[c]) / 2;
            if (exposure > 0)
            {
                weighted += standard[c] * deaths[c] / exposure;
                total += standard[c];
            }
        }

        return total > 0 ? weighted / total : 0;
    }

    /// <summary>Average yearly relative decline of the standardized death rate over <paramref name="firstYear"/>..<paramref name="lastYear"/> (0.015 = 1.5 % a year).</summary>
    public static double AnnualImprovement(ObservedStatistics observed, int firstYear, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var errors = new ValidationErrors();
        for (var year = firstYear; year <= lastYear; year++)
        {
            if (!observed.Population.ContainsKey(year - 1) || !observed.Population.ContainsKey(year) || !observed.HasDeaths(year))
            {
                errors.Add("years", $"region {observed.RegionCode} lacks population or deaths for {year}.");
                break;
            }
        }

        if (lastYear - firstYear < 2)
        {
            errors.Add("years", "a trend needs at least three years.");
        }

        errors.ThrowIfAny();
        var standard = observed.Population[lastYear];
        var years = new List<double>();
        var logRates = new List<double>();
        for (var year = firstYear; year <= lastYear; year++)
        {
            var rate = StandardizedDeathRate(observed, year, standard);
            if (rate > 0)
            {
                years.Add(year - firstYear);
                logRates.Add(Math.Log(rate));
            }
        }

        // Ordinary least squares of the log rate on the year (MathNet's Fit.Line: intercept, slope).
        var (_, slope) = MathNet.Numerics.Fit.Line([.. years], [.. logRates]);
        return 1 - Math.Exp(slope);
    }

    /// <summary>
    /// Rates pooled over the <paramref name="windowYears"/> years to the base year stand at the
    /// level of the window's centre, (W − 1)/2 years before the base; the projection lowers them
    /// by (1 − i) a year from the first projected year on. So they are carried to the base year
    /// first, at the observed <paramref name="improvement"/>: × (1 − i)^((W − 1)/2).
    /// </summary>
    public static double[] CarriedToBaseYear(double[] pooled, int windowYears, double improvement)
    {
        ArgumentNullException.ThrowIfNull(pooled);
        var factor = Math.Pow(1 - improvement, (windowYears - 1) / 2.0);
        return pooled.Select(rate => rate * factor).ToArray();
    }

    /// <summary>
    /// The trend of the up to <see cref="Backtest.MortalityTrendYears"/> years to the base year
    /// that <paramref name="observed"/> covers (clamped to −5 %..+10 % a year, as the backtests do),
    /// or 0 where it covers fewer than three.
    /// </summary>
    public static double RecentImprovement(ObservedStatistics observed, int baseYear)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var first = baseYear;
        while (first - 1 > baseYear - Backtest.MortalityTrendYears && observed.Population.ContainsKey(first - 2) && observed.HasDeaths(first - 1))
        {
            first--;
        }

        return baseYear - first < 2 ? 0 : Math.Clamp(AnnualImprovement(observed, first, baseYear), -0.05, 0.1);
    }
}
