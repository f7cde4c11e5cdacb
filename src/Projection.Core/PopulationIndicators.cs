using System.Numerics;

namespace Projection.Core;

/// <summary>Summary measures of one region's population (one block of <see cref="PopulationLayout.CellCount"/> values).</summary>
public static class PopulationIndicators
{
    /// <summary>Total population (folkmängd).</summary>
    public static double Total(ReadOnlySpan<double> population)
    {
        var sums = Vector<double>.Zero;
        var i = 0;
        for (; i + Vector<double>.Count <= population.Length; i += Vector<double>.Count)
        {
            sums += new Vector<double>(population.Slice(i));
        }

        var sum = Vector.Sum(sums);
        for (; i < population.Length; i++)
        {
            sum += population[i];
        }

        return sum;
    }

    /// <summary>Population of one sex.</summary>
    public static double Total(ReadOnlySpan<double> population, PopulationLayout layout, Sex sex) =>
        Total(population.Slice(layout.SexOffset(sex), layout.AgeCount));

    /// <summary>Both sexes aged <paramref name="fromAge"/>..<paramref name="toAge"/> inclusive.</summary>
    public static double SumOfAges(ReadOnlySpan<double> population, PopulationLayout layout, int fromAge, int toAge)
    {
        var last = Math.Min(toAge, layout.OldestAge);
        var sum = 0.0;
        for (var s = 0; s < 2; s++)
        {
            var offset = layout.SexOffset((Sex)s);
            for (var age = fromAge; age <= last; age++)
            {
                sum += population[offset + age];
            }
        }

        return sum;
    }

    /// <summary>Writes the population of each group into <paramref name="destination"/>.</summary>
    public static void AgeGroupTotals(ReadOnlySpan<double> population, PopulationLayout layout, IReadOnlyList<AgeGroup> groups, Span<double> destination)
    {
        for (var g = 0; g < groups.Count; g++)
        {
            destination[g] = SumOfAges(population, layout, groups[g].FromAge, groups[g].LastAge(layout));
        }
    }

    /// <summary>
    /// SCB's demographic dependency ratio (demografisk försörjningskvot): people aged 0–19 and
    /// 65+ per person aged 20–64. SCB publishes it ×100; this returns the plain ratio.
    /// </summary>
    public static double DependencyRatio(ReadOnlySpan<double> population, PopulationLayout layout)
    {
        var working = SumOfAges(population, layout, 20, 64);
        var dependent = SumOfAges(population, layout, 0, 19) + SumOfAges(population, layout, 65, layout.OldestAge);
        return working > 0 ? dependent / working : double.NaN;
    }

    /// <summary>
    /// Median age (medianålder), with ages in completed years spread evenly over the year of age:
    /// the median falls at x + (half − below x) / P(x). NaN for an empty population.
    /// </summary>
    public static double MedianAge(ReadOnlySpan<double> population, PopulationLayout layout)
    {
        var total = Total(population);
        if (total <= 0)
        {
            return double.NaN;
        }

        var half = total / 2;
        var below = 0.0;
        for (var age = 0; age <= layout.OldestAge; age++)
        {
            var atAge = population[layout.Index(Sex.Male, age)] + population[layout.Index(Sex.Female, age)];
            if (below + atAge >= half && atAge > 0)
            {
                return age + ((half - below) / atAge);
            }

            below += atAge;
        }

        return layout.OldestAge;
    }
}
