using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// Naive forecasts that a projection method must beat: the last five years' growth rate held,
/// a straight line through the last eleven years, and Hamilton–Perry cohort change ratios
/// (Hamilton and Perry 1962; Swanson, Schlottmann and Schmidt 2010).
/// </summary>
public static class Baselines
{
    /// <summary>The value <paramref name="horizon"/> years after <paramref name="baseYear"/> if it keeps growing as it did over the last five years.</summary>
    public static double ConstantGrowth(Func<int, double> series, int baseYear, int horizon)
    {
        var now = series(baseYear);
        var before = series(baseYear - 5);
        if (before <= 0 || now <= 0)
        {
            return now;
        }

        return now * Math.Pow(now / before, horizon / 5.0);
    }

    /// <summary>The least-squares line through the last eleven years (base year − 10 .. base year), extended; never below zero.</summary>
    public static double LinearTrend(Func<int, double> series, int baseYear, int horizon)
    {
        double sumX = 0, sumY = 0, sumXX = 0, sumXY = 0;
        const int n = 11;
        for (var k = 0; k < n; k++)
        {
            double x = k - 10;
            var y = series(baseYear - 10 + k);
            sumX += x;
            sumY += y;
            sumXX += x * x;
            sumXY += x * y;
        }

        var slope = ((n * sumXY) - (sumX * sumY)) / ((n * sumXX) - (sumX * sumX));
        var intercept = (sumY - (slope * sumX)) / n;
        return Math.Max(0, intercept + (slope * horizon));
    }

    /// <summary>
    /// Hamilton–Perry: each cohort aged a at the base year is multiplied by the ratio its
    /// predecessors showed over the last five years, P(a + 5, B) / P(a, B − 5), by sex; the open
    /// group takes the ratio of the last five ages into it; ages 0–4 follow the child–woman
    /// ratio (children of each age per woman aged 15–49). Horizons that are not multiples of
    /// five use the nearest multiple below and interpolate linearly with the next.
    /// </summary>
    public static double[] HamiltonPerry(PopulationLayout layout, double[] fiveYearsBefore, double[] baseYear, int horizon)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var steps = horizon / 5;
        var current = (double[])baseYear.Clone();
        var previous = current;
        for (var step = 0; step <= steps; step++)
        {
            if (step == steps)
            {
                var fraction = (horizon - (5 * steps)) / 5.0;
                if (fraction == 0)
                {
                    break;
                }

                var next = Step(layout, fiveYearsBefore, baseYear, current);
                var blended = new double[current.Length];
                for (var c = 0; c < blended.Length; c++)
                {
                    blended[c] = current[c] + (fraction * (next[c] - current[c]));
                }

                return blended;
            }

            previous = current;
            current = Step(layout, fiveYearsBefore, baseYear, previous);
        }

        return current;
    }

    private static double[] Step(PopulationLayout layout, double[] before, double[] now, double[] population)
    {
        var oldest = layout.OldestAge;
        var result = new double[population.Length];
        var womenNow = PopulationIndicators.SumOfAges(Female(layout, now), layout, 15, 49);
        for (var s = 0; s < 2; s++)
        {
            var o = layout.SexOffset((Sex)s);
            for (var age = 5; age < oldest; age++)
            {
                var ratio = before[o + age - 5] > 0 ? now[o + age] / before[o + age - 5] : 1;
                result[o + age] = population[o + age - 5] * ratio;
            }

            double openBefore = 0, openNow = now[o + oldest], openFrom = 0;
            for (var age = oldest - 5; age <= oldest; age++)
            {
                openBefore += before[o + age];
                openFrom += population[o + age];
            }

            result[o + oldest] = openBefore > 0 ? openFrom * openNow / openBefore : openFrom;
        }

        // Children aged 0–4 per woman aged 15–49, by sex and age, applied to the projected women.
        var womenProjected = PopulationIndicators.SumOfAges(Female(layout, result), layout, 15, 49);
        for (var s = 0; s < 2; s++)
        {
            var o = layout.SexOffset((Sex)s);
            for (var age = 0; age < 5; age++)
            {
                result[o + age] = womenNow > 0 ? now[o + age] / womenNow * womenProjected : now[o + age];
            }
        }

        return result;
    }

    private static double[] Female(PopulationLayout layout, double[] population)
    {
        var women = new double[population.Length];
        var o = layout.SexOffset(Sex.Female);
        Array.Copy(population, o, women, o, layout.AgeCount);
        return women;
    }
}
