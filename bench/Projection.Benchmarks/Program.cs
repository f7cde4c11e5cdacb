using BenchmarkDotNet.Running;

// `--compare-with-c FILE [repetitions]`: the engine next to bench/c-kernel (see run.sh there); otherwise BenchmarkDotNet.
if (args is ["--compare-with-c", var path, ..])
{
    return Projection.Benchmarks.KernelComparison.Run(path, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000);
}

// `--stochastic-county N`: the engine's own time for what GET /api/v1/projections/19?trajectories=N computes (bench/load/intervals.sh).
if (args is ["--stochastic-county", var count])
{
    return Projection.Benchmarks.KernelComparison.TimeStochasticCounty(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
}

// `--stochastic-scaled N [--double]`: the scaled stochastic case's time on every core (bench/c-kernel/stochastic.sh).
if (args is ["--stochastic-scaled", var scaledCount, ..])
{
    return Projection.Benchmarks.KernelComparison.TimeStochasticScaled(int.Parse(scaledCount, System.Globalization.CultureInfo.InvariantCulture), args.Contains("--double"));
}

BenchmarkSwitcher.FromAssembly(typeof(Projection.Benchmarks.DeterministicProjection).Assembly).Run(args);
return 0;
