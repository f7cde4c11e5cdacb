using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Benchmarks;

/// <summary>
/// 1,000 stochastic trajectories × 50 years of Västmanland's ten municipalities (10 regions), and
/// the scaled case of 290 regions (the ten municipalities repeated 29 times, about Sweden's
/// number of municipalities), with the shipped uncertainty model, on every core.
/// Cell-years per operation: regions × 202 × 50 × 1,000.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class StochasticProjection
{
    public const int Years = 50;

    public const int Trajectories = 1000;

    private ProjectionInput _input = null!;
    private Scenario _scenario = null!;
    private UncertaintyModel _model = null!;

    [Params(10, 290)]
    public int Regions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var seed = SeedFile.Read(Path.Combine(AppContext.BaseDirectory, "seeds", "vastmanland.json"));
        var county = SeedFile.ToProjectionInput(seed, "19");
        _input = new ProjectionInput
        {
            Layout = county.Layout,
            BaseYear = county.BaseYear,
            Regions = [.. Enumerable.Range(0, Regions).Select(i => county.Regions[i % county.Regions.Count] with { Code = $"{county.Regions[i % county.Regions.Count].Code}-{i}" })],
        };
        _scenario = new Scenario { Horizon = Years, Mortality = new MortalityAssumption { AnnualImprovement = 0.015 } };
        _model = UncertaintyFile.Read(Path.Combine(AppContext.BaseDirectory, "models", "uncertainty.json")).ToModel();
    }

    [Benchmark(Description = "1,000 trajectories × 50 years, all cores")]
    public double Project()
    {
        var intervals = StochasticProjector.Project(_input, _scenario, _model, new StochasticOptions { Trajectories = Trajectories, Seed = 1 });
        return intervals.Quantile(0, 0, Years, 2);
    }
}
