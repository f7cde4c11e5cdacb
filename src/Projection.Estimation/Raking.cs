using Projection.Core;

namespace Projection.Estimation;

/// <summary>Adjusting modeled populations to published margins (raking; iterative proportional fitting, Deming and Stephan 1940).</summary>
public static class Raking
{
    /// <summary>Scales each age group's cells (both sexes) so that the group sums to its target; a group with no one gets the target spread by <paramref name="fallback"/>.</summary>
    public static void ToAgeGroupTotals(Span<double> population, PopulationLayout layout, IReadOnlyList<AgeGroup> groups, ReadOnlySpan<double> targets, ReadOnlySpan<double> fallback)
    {
        for (var g = 0; g < groups.Count; g++)
        {
            var from = groups[g].FromAge;
            var to = groups[g].LastAge(layout);
            var current = PopulationIndicators.SumOfAges(population, layout, from, to);
            var source = current > 0 ? population : fallback;
            var sum = current > 0 ? current : PopulationIndicators.SumOfAges(fallback, layout, from, to);
            for (var s = 0; s < 2; s++)
            {
                var offset = layout.SexOffset((Sex)s);
                for (var age = from; age <= to; age++)
                {
                    population[offset + age] = sum > 0 ? source[offset + age] * targets[g] / sum : 0;
                }
            }
        }
    }

    /// <summary>
    /// Two-way fitting of <paramref name="rows"/> (one array per row) so that row sums match
    /// <paramref name="rowTargets"/> and column sums match <paramref name="columnTargets"/>
    /// (which must have the same grand total). Returns the largest remaining relative column gap.
    /// </summary>
    public static double TwoWay(IReadOnlyList<double[]> rows, ReadOnlySpan<double> rowTargets, ReadOnlySpan<double> columnTargets, int iterations = 50)
    {
        var columns = columnTargets.Length;
        var columnSums = new double[columns];
        var gap = double.PositiveInfinity;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            Array.Clear(columnSums);
            foreach (var row in rows)
            {
                for (var c = 0; c < columns; c++)
                {
                    columnSums[c] += row[c];
                }
            }

            foreach (var row in rows)
            {
                for (var c = 0; c < columns; c++)
                {
                    if (columnSums[c] > 0)
                    {
                        row[c] *= columnTargets[c] / columnSums[c];
                    }
                }
            }

            for (var r = 0; r < rows.Count; r++)
            {
                var sum = rows[r].Sum();
                if (sum > 0)
                {
                    for (var c = 0; c < columns; c++)
                    {
                        rows[r][c] *= rowTargets[r] / sum;
                    }
                }
            }

            gap = 0;
            Array.Clear(columnSums);
            foreach (var row in rows)
            {
                for (var c = 0; c < columns; c++)
                {
                    columnSums[c] += row[c];
                }
            }

            for (var c = 0; c < columns; c++)
            {
                gap = Math.Max(gap, Math.Abs(columnSums[c] - columnTargets[c]) / Math.Max(1, columnTargets[c]));
            }

            if (gap < 1e-10)
            {
                break;
            }
        }

        return gap;
    }
}
