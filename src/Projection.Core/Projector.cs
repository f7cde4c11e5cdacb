namespace Projection.Core;

/// <summary>The thin loop over years around <see cref="ProjectionStep"/>.</summary>
public static class Projector
{
    /// <summary>
    /// Projects every region of <paramref name="input"/> together under <paramref name="scenario"/>.
    /// Both are validated first; invalid input throws <see cref="InvalidInputException"/>.
    /// Buffers are allocated before the loop; the loop itself allocates nothing.
    /// </summary>
    public static ProjectionResult Project(ProjectionInput input, Scenario scenario, bool keepComponentsByAge = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(scenario);
        input.Validate();
        scenario.Validate();

        var layout = input.Layout;
        var regions = input.Regions;
        var rates = new RegionRates[regions.Count];
        for (var r = 0; r < rates.Length; r++)
        {
            rates[r] = regions[r].Rates;
        }

        var result = new ProjectionResult(layout, input.BaseYear, regions, scenario, keepComponentsByAge);
        var block = regions.Count * layout.CellCount;
        for (var r = 0; r < regions.Count; r++)
        {
            regions[r].BasePopulation.AsSpan().CopyTo(result.Populations.AsSpan(r * layout.CellCount, layout.CellCount));
        }

        var assumptions = new StepAssumptions(regions.Count);
        var components = new ComponentsOfChange(layout, regions.Count);
        var workspace = new StepWorkspace(layout, regions.Count);
        for (var t = 1; t <= scenario.Horizon; t++)
        {
            assumptions.SetYear(scenario, regions, t, input.MortalityImprovementByAge);
            ProjectionStep.Advance(
                layout,
                rates,
                assumptions,
                result.Populations.AsSpan((t - 1) * block, block),
                result.Populations.AsSpan(t * block, block),
                components,
                workspace);
            result.Record(t, components);
        }

        return result;
    }
}
