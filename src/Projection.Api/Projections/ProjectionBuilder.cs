using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Api.Projections;

/// <summary>Turns a county projection into the response for one region and a range of years, observed history included.</summary>
internal static class ProjectionBuilder
{
    public static ProjectionResponse Build(ProjectionCatalog catalog, ProjectionResult result, string region, int from, int to, IReadOnlyList<AgeGroup>? groups = null)
    {
        var provenance = catalog.MigrationNote(result.Scenario.Name) is { } note ? [.. catalog.ProvenanceOf(region), note] : catalog.ProvenanceOf(region);
        return ProjectionReports.Build(result, region, catalog.RegionName(region), region == catalog.CountyCode, provenance, catalog.ObservedTotals(region), groups ?? AgeGroupings.Planning, from, to);
    }

    /// <summary>Adds the intervals of <paramref name="trajectories"/> stochastic trajectories from <paramref name="seed"/> (1 when not given), when asked for.</summary>
    public static async Task<ProjectionResponse> WithUncertaintyAsync(ProjectionCatalog catalog, Hosting.StochasticGate gate, ProjectionResponse response, string scenario, int? trajectories, long? seed, int from, int to, CancellationToken cancellationToken)
    {
        if (trajectories is not { } count)
        {
            return response;
        }

        var intervals = await catalog.IntervalsAsync(scenario, count, (ulong)(seed ?? 1), gate, cancellationToken);
        return response with { Uncertainty = UncertaintyReport.Build(intervals, response.Region, response.Region == catalog.CountyCode, catalog.Uncertainty.Source, from, to) };
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
                ProjectionReports.Round(population[layout.Index(Sex.Male, age)]),
                ProjectionReports.Round(population[layout.Index(Sex.Female, age)])))
            .ToList();
        // Projected years are modeled; so is the base year's age detail of the embedded default (SCB's 2019 ages carried to the base year), but not the store's (SCB's own table by age).
        var modeled = year > result.BaseYear || !catalog.UsesStore;
        return new PyramidResponse(region, catalog.RegionName(region), result.Scenario.Name, year, modeled, ages);
    }

}
