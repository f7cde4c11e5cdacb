namespace Projection.Core;

/// <summary>
/// Monte-Carlo projections: many trajectories of the same scenario, each with its own
/// deviations of fertility, mortality and migration drawn from an <see cref="UncertaintyModel"/>,
/// summarised as quantiles per region, indicator and year.
/// </summary>
/// <remarks>
/// <para>Trajectory j always draws from the streams of (seed, j) — its national deviations from
/// stream 0, each region's from its own — and its indicators land in slot j, so the result does
/// not depend on the thread count or the scheduling. Only the indicators are kept per trajectory
/// (one float per region, indicator and year), never the age detail. Quantiles are exact order
/// statistics (Hyndman and Fan's type 7, R's default), which streaming sketches such as P² are
/// not, and P² would make the result depend on the order trajectories finish.</para>
/// <para>Two paths (docs/performance.md): regions without a migration pool run region by region,
/// in single-precision lanes, each region's quantiles taken as soon as its trajectories are done;
/// regions with a pool advance together, trajectory by trajectory in double precision, every
/// series kept until the end (4 bytes × (regions + 1) × (groups + 1) × (horizon + 1) per
/// trajectory).</para>
/// </remarks>
public static class StochasticProjector
{
    /// <summary>Projects <paramref name="options"/>.Trajectories trajectories; invalid input throws <see cref="InvalidInputException"/>.</summary>
    public static ProjectionIntervals Project(ProjectionInput input, Scenario scenario, UncertaintyModel model, StochasticOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        input.Validate();
        scenario.Validate();
        model.Validate();
        var errors = new ValidationErrors();
        options.Validate(errors);
        errors.ThrowIfAny();

        var regionCount = input.Regions.Count;
        var seriesRegions = regionCount > 1 ? regionCount + 1 : regionCount;
        var indicators = new List<string> { "total" };
        indicators.AddRange(options.AgeGroups.Select(g => g.Name));
        var seriesCount = (long)seriesRegions * indicators.Count * (scenario.Horizon + 1);
        var trajectories = options.Trajectories;
        if (seriesCount * trajectories > Array.MaxLength)
        {
            errors.Add("trajectories", $"{trajectories} trajectories of {regionCount} regions over {scenario.Horizon} years exceed what one run can hold; use fewer trajectories or regions.");
            errors.ThrowIfAny();
        }

        var workers = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        var codes = input.Regions.Select(r => r.Code).ToList();
        if (seriesRegions > regionCount)
        {
            codes.Add(ProjectionIntervals.AllRegions);
        }

        var quantiles = TrajectoryWorker.RunsInLanes(input) && !options.DoublePrecision
            ? RegionByRegion(input, scenario, model, options, seriesRegions, (int)seriesCount, workers, cancellationToken)
            : TrajectoryByTrajectory(input, scenario, model, options, seriesRegions, (int)seriesCount, workers, cancellationToken);
        return new ProjectionIntervals(input.BaseYear, scenario.Horizon, codes, indicators, trajectories, options.Seed, quantiles);
    }

    /// <summary>
    /// Regions without a migration pool: each region's trajectories in single-precision lanes, its
    /// quantiles at once, regions spread over the workers; the sum of regions last. Memory: each
    /// worker keeps one region's series and its part of the sum of regions, not every series.
    /// Progress is told after each region, as the trajectories' share of the work done.
    /// </summary>
    private static double[] RegionByRegion(ProjectionInput input, Scenario scenario, UncertaintyModel model, StochasticOptions options, int seriesRegions, int seriesCount, int workers, CancellationToken cancellationToken)
    {
        var regionCount = input.Regions.Count;
        var trajectories = options.Trajectories;
        var levels = ProjectionIntervals.Levels;
        var quantiles = new double[seriesCount * levels.Count];
        var national = TrajectoryWorker.NationalDeviations(model, options.Seed, trajectories, scenario.Horizon);
        workers = Math.Clamp(workers, 1, regionCount);
        var next = -1;
        var done = 0;
        var sums = new List<long[]>();
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, _ =>
        {
            var worker = new TrajectoryWorker(input, scenario, model, options.AgeGroups, seriesRegions);
            int region;
            while ((region = Interlocked.Increment(ref next)) < regionCount)
            {
                worker.RunRegion(region, options.Seed, trajectories, national, quantiles, cancellationToken);
                var finished = Interlocked.Increment(ref done);
                options.Progress?.Report((int)((long)trajectories * finished / regionCount));
            }

            lock (sums)
            {
                sums.Add(worker.RegionSums);
            }
        });

        if (seriesRegions > regionCount)
        {
            // The sum of regions: every worker's part added in fixed point (the same whatever the order), then its quantiles.
            var series = TrajectoryWorker.SumsToSeries([.. sums.Where(s => s.Length > 0)]);
            TrajectoryWorker.SeriesQuantiles(series, trajectories, scenario.Horizon + 1, options.AgeGroups.Count + 1, regionCount, seriesRegions, quantiles);
        }

        return quantiles;
    }

    /// <summary>
    /// Regions with a migration pool (or the double-precision reference): trajectories in blocks
    /// spread over the workers, each projected alone in double precision, every series kept for
    /// the quantiles.
    /// </summary>
    private static double[] TrajectoryByTrajectory(ProjectionInput input, Scenario scenario, UncertaintyModel model, StochasticOptions options, int seriesRegions, int seriesCount, int workers, CancellationToken cancellationToken)
    {
        var trajectories = options.Trajectories;
        var sink = new float[(long)seriesCount * trajectories];
        workers = Math.Clamp(workers, 1, trajectories);
        var blocks = (trajectories + TrajectoryWorker.BlockSize - 1) / TrajectoryWorker.BlockSize;
        workers = Math.Min(workers, blocks);
        var next = -1;
        var done = 0;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, _ =>
        {
            var worker = new TrajectoryWorker(input, scenario, model, options.AgeGroups, seriesRegions);
            int block;
            while ((block = Interlocked.Increment(ref next)) < blocks)
            {
                worker.RunBlock(options.Seed, block * TrajectoryWorker.BlockSize, trajectories, sink, cancellationToken);
                var finished = Interlocked.Add(ref done, Math.Min(TrajectoryWorker.BlockSize, trajectories - (block * TrajectoryWorker.BlockSize)));
                options.Progress?.Report(finished);
            }
        });

        return Quantiles(sink, seriesCount, trajectories, workers);
    }

    /// <summary>Type-7 quantiles of each series (<see cref="OrderStatistics.Quantiles"/>), series spread over the workers.</summary>
    private static double[] Quantiles(float[] sink, int seriesCount, int trajectories, int workers)
    {
        var levels = ProjectionIntervals.Levels;
        var quantiles = new double[seriesCount * levels.Count];
        var chunk = Math.Max(1, seriesCount / (workers * 4));
        Parallel.For(0, (seriesCount + chunk - 1) / chunk, new ParallelOptions { MaxDegreeOfParallelism = workers }, part =>
        {
            var sample = new float[trajectories];
            var last = Math.Min(seriesCount, (part + 1) * chunk);
            for (var s = part * chunk; s < last; s++)
            {
                sink.AsSpan(s * trajectories, trajectories).CopyTo(sample);
                OrderStatistics.Quantiles(sample, levels, quantiles.AsSpan(s * levels.Count, levels.Count));
            }
        });

        return quantiles;
    }
}
