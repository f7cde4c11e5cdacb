namespace Projection.Core;

/// <summary>The thin loop over years around <see cref="ProjectionStep"/>.</summary>
public static class Projector
{
    /// <summary>
    /// Projects every region of <paramref name="input"/> together under <paramref name="scenario"/>.
    /// Both are validated first; invalid input throws <see cref="InvalidInputException"/>.
    /// Buffers are allocated before the loop; the loop itself allocates nothing. A caller that
    /// projects again and again without keeping the results uses a <see cref="ReusableProjector"/>.
    /// </summary>
    public static ProjectionResult Project(ProjectionInput input, Scenario scenario, bool keepComponentsByAge = true) =>
        new ReusableProjector(keepComponentsByAge).Project(input, scenario);
}

/// <summary>
/// Projections into caller-owned buffers: the result (0.8 MB for ten municipalities over 50
/// years, on the large-object heap) and the loop's workspace are allocated by the first call and
/// overwritten by every later call of the same shape (regions, cells, horizon), so a caller that
/// projects in a loop allocates nothing per call (up to 64 regions; more make one set to check
/// their codes). The result returned is the same object each
/// time: read it before the next call. Not thread-safe: one per thread (or a pool).
/// </summary>
public sealed class ReusableProjector(bool keepComponentsByAge = true)
{
    private ProjectionResult? _result;
    private StepAssumptions? _assumptions;
    private StepFlows? _components;
    private StepWorkspace? _workspace;
    private RegionRates[] _rates = [];
    private readonly ValidationErrors _errors = new();

    /// <summary>Projects as <see cref="Projector.Project"/> does, into this projector's result.</summary>
    public ProjectionResult Project(ProjectionInput input, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(scenario);
        // Checked into one kept list, so that a valid call allocates nothing; the input's problems are reported first, then the scenario's.
        _errors.Clear();
        input.CheckInto(_errors);
        _errors.ThrowIfAny();
        scenario.CheckInto(_errors);
        _errors.ThrowIfAny();

        var layout = input.Layout;
        var regions = input.Regions;
        if (_result is not null && _result.Fits(input, scenario, keepComponentsByAge))
        {
            _result.Reuse(input, scenario);
        }
        else
        {
            _result = new ProjectionResult(layout, input.BaseYear, regions, scenario, keepComponentsByAge);
            _assumptions = new StepAssumptions(regions.Count);
            _components = new StepFlows(layout, regions.Count) { KeepFlowsByAge = keepComponentsByAge };
            _workspace = new StepWorkspace(layout, regions.Count);
            _rates = new RegionRates[regions.Count];
        }

        var result = _result;
        for (var r = 0; r < _rates.Length; r++)
        {
            _rates[r] = regions[r].Rates;
        }

        var block = regions.Count * layout.CellCount;
        for (var r = 0; r < regions.Count; r++)
        {
            regions[r].BasePopulation.AsSpan().CopyTo(result.Populations.AsSpan(r * layout.CellCount, layout.CellCount));
        }

        var assumptions = _assumptions!;
        for (var t = 1; t <= scenario.Horizon; t++)
        {
            assumptions.SetYear(scenario, regions, t, input.MortalityImprovementByAge);
            ProjectionStep.Advance(
                layout,
                _rates,
                assumptions,
                result.Populations.AsSpan((t - 1) * block, block),
                result.Populations.AsSpan(t * block, block),
                _components!,
                _workspace!);
            result.Record(t, _components!);
        }

        return result;
    }
}
