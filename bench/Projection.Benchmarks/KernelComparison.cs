using System.Diagnostics;
using Projection.Core;
using Projection.Files;

namespace Projection.Benchmarks;

/// <summary>
/// The engine next to the hand-written C kernel (bench/c-kernel), in the same run on the same
/// machine: exports the embedded default's county input and the scenario's yearly mortality
/// factors for the C kernel, and times the engine's loop on the same case the same way (mean and
/// best of many repetitions after a warm-up). Not BenchmarkDotNet: the C side cannot run under it,
/// and both sides must be timed alike. bench/c-kernel/run.sh prints the ratio.
/// </summary>
internal static class KernelComparison
{
    public static int Run(string inputPath, int repetitions)
    {
        Time(inputPath, repetitions, keepFlowsByAge: true);
        Time(null, repetitions, keepFlowsByAge: false);
        TimeProjector(repetitions);
        return 0;
    }

    /// <summary>
    /// The engine's time for the county's main scenario (models/scenarios/main.json, 30 years) with
    /// <paramref name="trajectories"/> trajectories on every core, as the service computes it for
    /// a GET with ?trajectories=: the median of five runs after one warm-up, in seconds.
    /// </summary>
    public static int TimeStochasticCounty(int trajectories)
    {
        var seed = SeedFile.Read(Path.Combine(AppContext.BaseDirectory, "seeds", "vastmanland.json"));
        var input = SeedFile.ToProjectionInput(seed, "19");
        var scenario = ScenarioFile.Read(Path.Combine(AppContext.BaseDirectory, "models", "scenarios", "main.json")).ToScenario();
        var model = UncertaintyFile.Read(Path.Combine(AppContext.BaseDirectory, "models", "uncertainty.json")).ToModel();
        var times = new List<double>();
        for (var run = 0; run < 6; run++)
        {
            var started = Stopwatch.GetTimestamp();
            StochasticProjector.Project(input, scenario, model, new StochasticOptions { Trajectories = trajectories, Seed = (ulong)(100 + run) });
            if (run > 0)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        }

        times.Sort();
        Console.WriteLine(FormattableString.Invariant($"engine: {trajectories} trajectories x {scenario.Horizon} years, county of {input.Regions.Count} municipalities: median {times[2]:0.000} s"));
        return 0;
    }

    /// <summary>
    /// The scaled stochastic case of issue #16 (the benchmark's: the county's ten municipalities
    /// repeated 29 times, 290 regions, 1,000 trajectories × 50 years, mortality improving 1.5 % a
    /// year, the shipped uncertainty model) on every core: the median of three runs after one
    /// warm-up, in single-precision lanes and, with <paramref name="alsoDouble"/>, in double
    /// precision one trajectory at a time.
    /// </summary>
    public static int TimeStochasticScaled(int trajectories, bool alsoDouble)
    {
        var seed = SeedFile.Read(Path.Combine(AppContext.BaseDirectory, "seeds", "vastmanland.json"));
        var county = SeedFile.ToProjectionInput(seed, "19");
        var input = new ProjectionInput
        {
            Layout = county.Layout,
            BaseYear = county.BaseYear,
            Regions = [.. Enumerable.Range(0, 290).Select(i => county.Regions[i % county.Regions.Count] with { Code = $"{county.Regions[i % county.Regions.Count].Code}-{i}" })],
        };
        var scenario = new Scenario { Horizon = StochasticProjection.Years, Mortality = new MortalityAssumption { AnnualImprovement = 0.015 } };
        var model = UncertaintyFile.Read(Path.Combine(AppContext.BaseDirectory, "models", "uncertainty.json")).ToModel();
        foreach (var inDouble in alsoDouble ? new[] { false, true } : [false])
        {
            var times = new List<double>();
            for (var run = 0; run < 4; run++)
            {
                var started = Stopwatch.GetTimestamp();
                StochasticProjector.Project(input, scenario, model, new StochasticOptions { Trajectories = trajectories, Seed = (ulong)(1 + run), DoublePrecision = inDouble });
                if (run > 0)
                {
                    times.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                }
            }

            times.Sort();
            Console.WriteLine(FormattableString.Invariant($"engine, {(inDouble ? "double precision, a trajectory at a time" : "single-precision lanes")}: 290 regions x {trajectories} trajectories x {scenario.Horizon} years on {Environment.ProcessorCount} cores: median {times[1]:0.000} s"));
        }

        return 0;
    }

    /// <summary>The whole call the service makes, Projector.Project with totals only: the loop plus the result it allocates.</summary>
    private static void TimeProjector(int repetitions)
    {
        var seed = SeedFile.Read(Path.Combine(AppContext.BaseDirectory, "seeds", "vastmanland.json"));
        var input = SeedFile.ToProjectionInput(seed, "19");
        var scenario = new Scenario { Horizon = DeterministicProjection.Years, Mortality = new MortalityAssumption { AnnualImprovement = 0.015 } };
        for (var warm = 0; warm < 500; warm++)
        {
            Projector.Project(input, scenario, keepComponentsByAge: false);
        }

        double sum = 0, best = double.MaxValue;
        for (var rep = 0; rep < repetitions; rep++)
        {
            var started = Stopwatch.GetTimestamp();
            Projector.Project(input, scenario, keepComponentsByAge: false);
            var took = Stopwatch.GetElapsedTime(started).TotalSeconds;
            sum += took;
            best = Math.Min(best, took);
        }

        Console.WriteLine(FormattableString.Invariant($"Projector.Project (totals only): mean {1e6 * sum / repetitions:0.0} us, best {1e6 * best:0.0} us per projection over {repetitions}"));

        // The same into caller-owned buffers: the result and workspace reused, nothing allocated per call.
        var reusable = new ReusableProjector(keepComponentsByAge: false);
        for (var warm = 0; warm < 2000; warm++)
        {
            reusable.Project(input, scenario);
        }

        (sum, best) = (0, double.MaxValue);
        for (var rep = 0; rep < repetitions; rep++)
        {
            var started = Stopwatch.GetTimestamp();
            reusable.Project(input, scenario);
            var took = Stopwatch.GetElapsedTime(started).TotalSeconds;
            sum += took;
            best = Math.Min(best, took);
        }

        Console.WriteLine(FormattableString.Invariant($"ReusableProjector.Project (totals only): mean {1e6 * sum / repetitions:0.0} us, best {1e6 * best:0.0} us per projection over {repetitions}"));
    }

    private static void Time(string? inputPath, int repetitions, bool keepFlowsByAge)
    {
        var seed = SeedFile.Read(Path.Combine(AppContext.BaseDirectory, "seeds", "vastmanland.json"));
        var input = SeedFile.ToProjectionInput(seed, "19");
        var scenario = new Scenario { Horizon = DeterministicProjection.Years, Mortality = new MortalityAssumption { AnnualImprovement = 0.015 } };
        var layout = input.Layout;
        var regions = input.Regions.Count;
        var rates = input.Regions.Select(r => r.Rates).ToArray();
        var assumptions = new StepAssumptions(regions);
        var components = new StepFlows(layout, regions) { KeepFlowsByAge = keepFlowsByAge };
        var workspace = new StepWorkspace(layout, regions);
        var block = regions * layout.CellCount;
        var years = new StepAssumptions[scenario.Horizon + 1];
        for (var t = 1; t <= scenario.Horizon; t++)
        {
            years[t] = new StepAssumptions(regions);
            years[t].SetYear(scenario, input.Regions, t, input.MortalityImprovementByAge);
        }

        var a = new double[block];
        var b = new double[block];
        double Project()
        {
            for (var r = 0; r < regions; r++)
            {
                input.Regions[r].BasePopulation.CopyTo(a, r * layout.CellCount);
            }

            for (var t = 1; t <= scenario.Horizon; t++)
            {
                ProjectionStep.Advance(layout, rates, years[t], a, b, components, workspace);
                (a, b) = (b, a);
            }

            return a.Sum();
        }

        var total = Project();
        if (inputPath is not null)
        {
            Export(inputPath, input, years, total);
        }

        for (var warm = 0; warm < 2000; warm++)
        {
            Project();
        }

        double sum = 0, best = double.MaxValue;
        for (var rep = 0; rep < repetitions; rep++)
        {
            var started = Stopwatch.GetTimestamp();
            Project();
            var took = Stopwatch.GetElapsedTime(started).TotalSeconds;
            sum += took;
            best = Math.Min(best, took);
        }

        _ = assumptions;
        Console.WriteLine(FormattableString.Invariant($"engine{(keepFlowsByAge ? "" : " (totals only)")}: {regions} regions x {layout.CellCount} cells x {scenario.Horizon} years; mean {1e6 * sum / repetitions:0.0} us, best {1e6 * best:0.0} us per projection over {repetitions}; total {total:0.000000}{(keepFlowsByAge ? " (flows by age kept)" : "")}"));
    }

    private static void Export(string path, ProjectionInput input, StepAssumptions[] years, double total)
    {
        var layout = input.Layout;
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(input.Regions.Count);
        writer.Write(layout.CellCount);
        writer.Write(layout.AgeCount);
        writer.Write(years.Length - 1);
        foreach (var region in input.Regions)
        {
            foreach (var values in new[] { region.BasePopulation, region.Rates.Mortality, region.Rates.DomesticOutMigration, region.Rates.Emigration, region.Rates.DomesticInMigration, region.Rates.Immigration, region.Rates.Fertility })
            {
                foreach (var value in values)
                {
                    writer.Write(value);
                }
            }

            writer.Write(region.Rates.SexRatioAtBirth);
        }

        for (var t = 1; t < years.Length; t++)
        {
            for (var c = 0; c < layout.CellCount; c++)
            {
                // The cell's death-rate multiplier this year: the age pattern times the region-wide factor (1 here).
                var byAge = years[t].MortalityByAge.Length == 0 ? 1.0 : years[t].MortalityByAge[c];
                writer.Write(byAge * years[t].MortalityFactor[0]);
            }
        }

        // Each region's fertility factor of each year: its path to its long-run level.
        for (var t = 1; t < years.Length; t++)
        {
            for (var r = 0; r < input.Regions.Count; r++)
            {
                writer.Write(years[t].FertilityFactor[r]);
            }
        }

        writer.Write(total);
    }
}
