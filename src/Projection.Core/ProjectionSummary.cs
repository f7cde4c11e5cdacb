namespace Projection.Core;

/// <summary>
/// Summarizes a projection for one region, or for the sum of all its regions (a county
/// projected as its municipalities), year by year.
/// </summary>
public static class ProjectionSummary
{
    /// <summary>
    /// Years of <paramref name="result"/> for the region <paramref name="regionCode"/>, or for
    /// the sum of every region when <paramref name="regionCode"/> is null.
    /// </summary>
    public static IReadOnlyList<YearSummary> Summarize(ProjectionResult result, string? regionCode, IReadOnlyList<AgeGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(result);
        var layout = result.Layout;
        var regions = new List<int>();
        if (regionCode is null)
        {
            for (var r = 0; r < result.RegionCount; r++)
            {
                regions.Add(r);
            }
        }
        else
        {
            var index = result.RegionIndex(regionCode);
            if (index < 0)
            {
                throw new InvalidInputException(new Dictionary<string, string[]> { ["region"] = [$"region '{regionCode}' is not in this projection."] });
            }

            regions.Add(index);
        }

        var population = new double[layout.CellCount];
        var years = new List<YearSummary>(result.Horizon + 1);
        for (var t = 0; t <= result.Horizon; t++)
        {
            population.AsSpan().Clear();
            var capped = 0;
            foreach (var r in regions)
            {
                var regionPopulation = result.Population(t, r);
                for (var c = 0; c < population.Length; c++)
                {
                    population[c] += regionPopulation[c];
                }

                capped += t == 0 ? 0 : result.CappedCellCount(t, r);
            }

            var groupTotals = new double[groups.Count];
            PopulationIndicators.AgeGroupTotals(population, layout, groups, groupTotals);
            double? Sum(ComponentOfChange component)
            {
                if (t == 0)
                {
                    return null;
                }

                var sum = 0.0;
                foreach (var r in regions)
                {
                    sum += result.Component(t, r, Sex.Male, component) + result.Component(t, r, Sex.Female, component);
                }

                return sum;
            }

            years.Add(new YearSummary(
                result.BaseYear + t,
                PopulationIndicators.Total(population),
                PopulationIndicators.Total(population, layout, Sex.Male),
                PopulationIndicators.Total(population, layout, Sex.Female),
                Sum(ComponentOfChange.Births),
                Sum(ComponentOfChange.Deaths),
                Sum(ComponentOfChange.DomesticIn),
                Sum(ComponentOfChange.DomesticOut),
                Sum(ComponentOfChange.Immigration),
                Sum(ComponentOfChange.Emigration),
                groupTotals,
                PopulationIndicators.MedianAge(population, layout),
                PopulationIndicators.DependencyRatio(population, layout),
                capped));
        }

        return years;
    }
}
