using Projection.Core;
using Projection.Storage;

namespace Projection.Api.Projections;

/// <summary>Turns a county projection into the response for one region and a range of years, observed history included.</summary>
internal static class ProjectionBuilder
{
    public static ProjectionResponse Build(ProjectionCatalog catalog, ProjectionResult result, string region, int from, int to) =>
        ProjectionReports.Build(result, region, catalog.RegionName(region), region == catalog.CountyCode, catalog.ProvenanceOf(region), catalog.ObservedTotals(region), AgeGroupings.Planning, from, to);

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
                ProjectionReports.Round(population[layout.Index(Sex.Male, age)]),
                ProjectionReports.Round(population[layout.Index(Sex.Female, age)])))
            .ToList();
        return new PyramidResponse(region, catalog.RegionName(region), result.Scenario.Name, year, true, ages);
    }

}
