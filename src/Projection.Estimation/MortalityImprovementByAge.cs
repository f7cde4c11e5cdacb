using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// How fast mortality has fallen at each age, relative to the age-standardized rate that
/// <see cref="MortalityTrend"/> measures: the nation's age pattern b(x) of a Lee–Carter model
/// (Lee and Carter 1992), shared by every region so that they do not diverge (Li and Lee 2005).
/// Fitted as log-linear trends of period death rates in five-year age bands by sex (0, 1–4,
/// 5–9, …, the open group), so that single ages' noise does not enter. Sweden 1995–2015: death
/// rates at 65–79 fell about 2.5–3 % a year, at 90+ under 1 %; one rate for every age
/// overstates the oldest's gains and understates the young-old's. Below
/// <see cref="RecentTrendBelowAge"/> the bands' trends come from the last
/// <see cref="RecentTrendYears"/> years of the window, where the decline kept speeding up; from it
/// on from the whole window, where fifteen years' noise costs more than it gains (chosen on the
/// early backtest bases, docs/accuracy.md).
/// </summary>
public static class MortalityImprovementByAge
{
    /// <summary>Width of the age bands the trends are fitted in.</summary>
    public const int BandYears = 5;

    /// <summary>Bands starting below this age take their trend from the last <see cref="RecentTrendYears"/> years.</summary>
    public const int RecentTrendBelowAge = 85;

    /// <summary>The years the trends below <see cref="RecentTrendBelowAge"/> are fitted over.</summary>
    public const int RecentTrendYears = 15;

    /// <summary>
    /// The pattern s(x), one value per cell: the band's annual improvement (over the last
    /// <see cref="RecentTrendYears"/> years to <paramref name="lastYear"/> for bands below
    /// <see cref="RecentTrendBelowAge"/>, over <paramref name="firstYear"/>..<paramref name="lastYear"/>
    /// from it) divided by the standardized improvement of the whole window, clamped to −2..5.
    /// Null where the standardized rate hardly moved (under 0.2 % a year), since a ratio to it
    /// would mean nothing.
    /// </summary>
    public static double[]? Fit(ObservedStatistics nation, int firstYear, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(nation);
        var overall = MortalityTrend.AnnualImprovement(nation, firstYear, lastYear);
        if (Math.Abs(overall) < 0.002)
        {
            return null;
        }

        var improvement = AnnualImprovementByAge(nation, firstYear, lastYear);
        var recentFirst = lastYear - RecentTrendYears + 1;
        if (recentFirst > firstYear)
        {
            var recent = AnnualImprovementByAge(nation, recentFirst, lastYear);
            var layout = nation.Layout;
            for (var c = 0; c < improvement.Length; c++)
            {
                if (c % layout.AgeCount < RecentTrendBelowAge)
                {
                    improvement[c] = recent[c];
                }
            }
        }

        return improvement.Select(i => Math.Clamp(i / overall, -2, 5)).ToArray();
    }

    /// <summary>Each cell's annual improvement: that of its band, 1 − exp(slope of log death rate on year).</summary>
    public static double[] AnnualImprovementByAge(ObservedStatistics nation, int firstYear, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(nation);
        var layout = nation.Layout;
        var result = new double[layout.CellCount];
        for (var s = 0; s < 2; s++)
        {
            var offset = layout.SexOffset((Sex)s);
            foreach (var (from, to) in Bands(layout.OldestAge))
            {
                var years = new List<double>();
                var logRates = new List<double>();
                for (var year = firstYear; year <= lastYear; year++)
                {
                    var start = nation.Population[year - 1];
                    var end = nation.Population[year];
                    var deaths = nation.DeathsByAge(year);
                    double died = 0, exposure = 0;
                    for (var age = from; age <= to; age++)
                    {
                        died += deaths[offset + age];
                        exposure += (start[offset + age] + end[offset + age]) / 2;
                    }

                    if (died > 0 && exposure > 0)
                    {
                        years.Add(year - firstYear);
                        logRates.Add(Math.Log(died / exposure));
                    }
                }

                var improvement = years.Count >= 3 ? 1 - Math.Exp(MathNet.Numerics.Fit.Line([.. years], [.. logRates]).B) : 0;
                for (var age = from; age <= to; age++)
                {
                    result[offset + age] = improvement;
                }
            }
        }

        return result;
    }

    /// <summary>0, 1–4, 5–9, …, and the open group alone.</summary>
    private static IEnumerable<(int From, int To)> Bands(int oldestAge)
    {
        yield return (0, 0);
        yield return (1, Math.Min(4, oldestAge - 1));
        for (var from = 5; from < oldestAge; from += BandYears)
        {
            yield return (from, Math.Min(from + BandYears - 1, oldestAge - 1));
        }

        yield return (oldestAge, oldestAge);
    }
}
