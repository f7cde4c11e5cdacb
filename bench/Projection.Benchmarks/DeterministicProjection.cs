using BenchmarkDotNet.Attributes;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Benchmarks;

/// <summary>
/// One deterministic projection of Västmanland's ten municipalities × 2 sexes × 101 ages × 50
/// years (101,000 cell-years) from the embedded default. <see cref="YearlyLoop"/> is the engine's
/// loop alone on preallocated buffers: it must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class DeterministicProjection
{
    public const int Years = 50;

    private ProjectionInput _input = null!;
    private RegionRates[] _rates = null!;
    private StepAssumptions _assumptions = null!;
    private StepFlows _components = null!;
    private StepFlows _totalsOnly = null!;
    private ReusableProjector _reusable = null!;
    private StepWorkspace _workspace = null!;
    private double[] _populations = null!;
    private Scenario _scenario = null!;

    /// <summary>With the migration pool on, 35 % of each municipality's out-migrants move within the county (a second pass per cell).</summary>
    [Params(false, true)]
    public bool MigrationPool { get; set; }

    /// <summary>Cell-years per projection: regions × sexes × ages × years.</summary>
    public int CellYears => _input.Regions.Count * _input.Layout.CellCount * Years;

    [GlobalSetup]
    public void Setup()
    {
        var seed = SeedFile.Read(Path.Combine(AppContext.BaseDirectory, "seeds", "vastmanland.json"));
        _input = SeedFile.ToProjectionInput(seed, "19");
        if (MigrationPool)
        {
            var total = _input.Regions.Sum(r => r.BasePopulation.Sum());
            _input = new ProjectionInput
            {
                Layout = _input.Layout,
                BaseYear = _input.BaseYear,
                Regions = _input.Regions.Select(r => r with
                {
                    Rates = new RegionRates
                    {
                        Mortality = r.Rates.Mortality,
                        Fertility = r.Rates.Fertility,
                        DomesticOutMigration = r.Rates.DomesticOutMigration,
                        Emigration = r.Rates.Emigration,
                        DomesticInMigration = r.Rates.DomesticInMigration,
                        Immigration = r.Rates.Immigration,
                        SexRatioAtBirth = r.Rates.SexRatioAtBirth,
                        InternalMigrationShare = 0.35,
                        InternalDestinationShare = r.BasePopulation.Sum() / total,
                    },
                }).ToList(),
            };
        }

        _scenario = new Scenario { Horizon = Years, Mortality = new MortalityAssumption { AnnualImprovement = 0.015 } };
        var regions = _input.Regions.Count;
        _rates = _input.Regions.Select(r => r.Rates).ToArray();
        _assumptions = new StepAssumptions(regions);
        _components = new StepFlows(_input.Layout, regions);
        _totalsOnly = new StepFlows(_input.Layout, regions) { KeepFlowsByAge = false };
        _reusable = new ReusableProjector(keepComponentsByAge: false);
        _workspace = new StepWorkspace(_input.Layout, regions);
        _populations = new double[(Years + 1) * regions * _input.Layout.CellCount];
        for (var r = 0; r < regions; r++)
        {
            _input.Regions[r].BasePopulation.CopyTo(_populations, r * _input.Layout.CellCount);
        }
    }

    [Benchmark(Baseline = true, Description = "engine loop, 50 years, flows by age kept (no allocation)")]
    public double YearlyLoop() => Loop(_components);

    /// <summary>What the service needs from the step: populations, exposures and each flow's total by region and sex.</summary>
    [Benchmark(Description = "engine loop, 50 years, totals only (no allocation)")]
    public double YearlyLoopTotalsOnly() => Loop(_totalsOnly);

    [Benchmark(Description = "ReusableProjector.Project, totals only")]
    public ProjectionResult ProjectReusable() => _reusable.Project(_input, _scenario);

    [Benchmark(Description = "Projector.Project, totals only")]
    public ProjectionResult ProjectTotals() => Projector.Project(_input, _scenario, keepComponentsByAge: false);

    [Benchmark(Description = "Projector.Project, components by age")]
    public ProjectionResult ProjectWithComponents() => Projector.Project(_input, _scenario, keepComponentsByAge: true);

    private double Loop(StepFlows components)
    {
        var block = _rates.Length * _input.Layout.CellCount;
        for (var t = 1; t <= Years; t++)
        {
            _assumptions.SetYear(_scenario, _input.Regions, t, _input.MortalityImprovementByAge);
            ProjectionStep.Advance(_input.Layout, _rates, _assumptions, _populations.AsSpan((t - 1) * block, block), _populations.AsSpan(t * block, block), components, _workspace);
        }

        return _populations[^1];
    }
}
