using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Api.Projections;

/// <summary>Turns a county projection into the response for one region and a range of years, observed history included.</summary>
internal static class ProjectionBuilder
{
    public static ProjectionResponse Build(CountyProjections county, ProjectionResult result, string region, int from, int to, IReadOnlyList<AgeGroup>? groups = null)
    {
        var provenance = county.MigrationNote(result.Scenario.Name) is { } note ? [.. county.ProvenanceOf(region), note] : county.ProvenanceOf(region);
        return ProjectionReports.Build(result, region, county.RegionName(region), county.IsCounty(region), provenance, county.ObservedTotals(region), groups ?? AgeGroupings.Planning, from, to);
    }

    /// <summary>Adds the intervals of <paramref name="trajectories"/> stochastic trajectories from <paramref name="seed"/> (1 when not given), when asked for.</summary>
    public static async Task<ProjectionResponse> WithUncertaintyAsync(CountyProjections county, Hosting.StochasticGate gate, ProjectionResponse response, string scenario, int? trajectories, long? seed, int from, int to, CancellationToken cancellationToken)
    {
        if (trajectories is not { } count)
        {
            return response;
        }

        var intervals = await county.IntervalsAsync(scenario, count, (ulong)(seed ?? 1), gate, cancellationToken);
        return response with { Uncertainty = UncertaintyReport.Build(intervals, response.Region, county.IsCounty(response.Region), county.Uncertainty, from, to) };
    }

    /// <summary>Adds the spread of the pyramid's five-year bands from <paramref name="trajectories"/> trajectories, after the base year (the base has none).</summary>
    public static async Task<PyramidResponse> WithUncertaintyAsync(CountyProjections county, Hosting.StochasticGate gate, PyramidResponse pyramid, int? trajectories, long? seed, CancellationToken cancellationToken)
    {
        if (trajectories is not { } count || pyramid.Year <= county.BaseYear)
        {
            return pyramid;
        }

        var intervals = await county.PyramidIntervalsAsync(pyramid.Scenario, count, (ulong)(seed ?? 1), gate, cancellationToken);
        var region = intervals.RegionIndex(pyramid.Region, county.IsCounty(pyramid.Region));
        var t = pyramid.Year - county.BaseYear;
        var bands = AgeGroupings.PyramidBands(county.Layout);
        var perSex = bands.Count / 2;

        // Indicator 0 is the total; the bands follow, men's then women's.
        var result = Enumerable.Range(0, perSex)
            .Select(b => new PyramidBand(bands[b].Name["men:".Length..], UncertaintyReport.At(intervals, region, b + 1, t), UncertaintyReport.At(intervals, region, perSex + b + 1, t)))
            .ToList();
        return pyramid with { Uncertainty = new PyramidUncertainty(count, (ulong)(seed ?? 1), county.Uncertainty.Source, result) };
    }

    public static PyramidResponse Pyramid(CountyProjections county, ProjectionResult result, string region, int year) =>
        ProjectionReports.Pyramid(result, region, county.RegionName(region), county.IsCounty(region), county.BaseAgesObserved, year);

}
