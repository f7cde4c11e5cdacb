using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Projection.Benchmarks.DeterministicProjection).Assembly).Run(args);
