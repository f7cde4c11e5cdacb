using Projection.Core;

namespace Projection.Api.Projections;

/// <summary>Turns a county projection into the response for one region and a range of years, observed history included.</summary>
internal static class ProjectionBuilder
{
    public static ProjectionResponse Build(ProjectionCatalog catalog, ProjectionResult result, string region, int from, int to)
    {
        var groups = AgeGroupings.Planning;
        var years = new List<ProjectionYear>();
        foreach (var (year, total) in catalog.ObservedTotals(region))
        {
            if (year >= from && year <= to && year < result.BaseYear)
            {
                years.Add(new ProjectionYear(year, true, total, null, null, null, null, null, null, null, null, null, null, null));
            }
        }

        var summary = ProjectionSummary.Summarize(result, region == catalog.CountyCode ? null : region, groups);
        foreach (var y in summary.Where(y => y.Year >= from && y.Year <= to))
        {
            years.Add(new ProjectionYear(
                y.Year,
                y.Year == result.BaseYear,
                Round(y.Total),
                Round(y.Men),
                Round(y.Women),
                Round(y.Births),
                Round(y.Deaths),
                Round(y.DomesticIn),
                Round(y.DomesticOut),
                Round(y.Immigration),
                Round(y.Emigration),
                groups.Select((g, i) => (g.Name, Value: Round(y.AgeGroups[i]))).ToDictionary(p => p.Name, p => p.Value),
                Math.Round(y.MedianAge, 2),
                Math.Round(y.DependencyRatio, 4)));
        }

        return new ProjectionResponse(region, catalog.RegionName(region), result.Scenario.Name, result.BaseYear, result.Scenario, catalog.ProvenanceOf(region), years);
    }

    public static PyramidResponse Pyramid(ProjectionCatalog catalog, ProjectionResult result, string region, int year)
    {
        var layout = result.Layout;
        var population = new double[layout.CellCount];
        var t = year - result.BaseYear;
        if (region == catalog.CountyCode)
        {
            result.SumOfRegions(t, population);
        }
        else
        {
            result.Population(t, result.RegionIndex(region)).CopyTo(population);
        }

        var ages = Enumerable.Range(0, layout.AgeCount)
            .Select(age => new PyramidAge(
                age == layout.OldestAge ? $"{age}+" : age.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Round(population[layout.Index(Sex.Male, age)]),
                Round(population[layout.Index(Sex.Female, age)])))
            .ToList();
        return new PyramidResponse(region, catalog.RegionName(region), result.Scenario.Name, year, true, ages);
    }

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static double? Round(double? value) => value is { } v ? Round(v) : null;
}
