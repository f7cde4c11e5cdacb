using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Application;

/// <summary>
/// Runs batch runs against <see cref="RunData"/> and keeps each finished one in the
/// <see cref="RunStore"/>. A run already stored (same content hash) is not computed again: a
/// batch that was interrupted resumes where it stopped.
/// </summary>
public sealed class BatchRunner(RunStore store, RunData data)
{
    /// <summary>What <see cref="Run"/> did.</summary>
    /// <param name="Id">The run's content hash.</param>
    /// <param name="Computed">False when it was already in the store.</param>
    /// <param name="Run">The run as stored.</param>
    public sealed record Outcome(string Id, bool Computed, StoredRun Run);

    public RunData Data => data;

    /// <summary>Computes <paramref name="run"/> (unless stored) and returns it as stored.</summary>
    /// <param name="run">The run.</param>
    /// <param name="batch">The batch's name, recorded with a run computed now.</param>
    /// <param name="threads">Threads for a stochastic run's trajectories (0: every core).</param>
    /// <param name="cancellationToken">Stops a run between trajectories; nothing of it is stored then.</param>
    /// <param name="trajectoriesDone">Told the trajectories finished so far, after each block.</param>
    public Outcome Run(RunSpecification run, string batch, int threads, CancellationToken cancellationToken, IProgress<int>? trajectoriesDone = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var id = run.ContentHash(data.Version, data.Uncertainty);
        if (store.Find(id) is { } existing)
        {
            return new Outcome(id, false, existing);
        }

        // Regions of several counties: each county is projected from its own data, in the run's order of regions.
        var counties = run.Regions.Select(data.For).Distinct().ToList();
        var reports = new Dictionary<string, ProjectionResponse>(StringComparer.Ordinal);
        for (var c = 0; c < counties.Count; c++)
        {
            var county = counties[c];
            var offset = c * (run.Trajectories ?? 0);
            var progress = trajectoriesDone is null || counties.Count == 1 ? trajectoriesDone : new CountyProgress(trajectoriesDone, offset, counties.Count);
            foreach (var report in Project(county, run, run.Regions.Where(r => data.For(r) == county), threads, progress, cancellationToken))
            {
                reports[report.Region] = report;
            }
        }

        var projections = run.Regions.Select(r => reports[r]).ToList();
        var stored = new StoredRun(id, run.Name, batch, DateTimeOffset.UtcNow, data.Version, run, projections);
        store.TryAdd(stored);
        return new Outcome(id, true, store.Find(id) ?? stored);
    }

    private static List<ProjectionResponse> Project(RunData county, RunSpecification run, IEnumerable<string> regions, int threads, IProgress<int>? trajectoriesDone, CancellationToken cancellationToken)
    {
        var (input, note) = county.Migration is { } migration ? migration(county.Input, run.MigrationSource) : (county.Input, null);
        var result = Projector.Project(input, run.Scenario, keepComponentsByAge: false);
        var intervals = run.Trajectories is { } trajectories
            ? StochasticProjector.Project(input, run.Scenario, county.Uncertainty, new StochasticOptions { Trajectories = trajectories, Seed = run.Seed, MaxDegreeOfParallelism = threads, Progress = trajectoriesDone }, cancellationToken)
            : null;
        cancellationToken.ThrowIfCancellationRequested();
        return regions.Select(region =>
        {
            var isCounty = region == county.CountyCode;
            var provenance = note is null ? county.Provenance[region] : [.. county.Provenance[region], note];
            var report = ProjectionReports.Build(result, region, county.RegionNames[region], isCounty, provenance, county.ObservedTotals[region], AgeGroupings.Planning, result.BaseYear, result.EndYear);
            return intervals is null ? report : report with { Uncertainty = UncertaintyReport.Build(intervals, region, isCounty, county.Uncertainty, result.BaseYear, result.EndYear) };
        }).ToList();
    }

    /// <summary>
    /// One county's trajectories as a share of a run over several: reported on the thread that
    /// finished them (Progress&lt;T&gt; would post them to the thread pool, out of order).
    /// </summary>
    private sealed class CountyProgress(IProgress<int> run, int offset, int counties) : IProgress<int>
    {
        public void Report(int value) => run.Report((offset + value) / counties);
    }
}
