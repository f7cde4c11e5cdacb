namespace Projection.Core.Tests;

/// <summary>Runs one <see cref="ProjectionStep"/> on given regions and keeps what it produced.</summary>
internal sealed class StepRunner
{
    public StepRunner(PopulationLayout layout, double[][] populations, RegionRates[] rates, StepAssumptions? assumptions = null)
    {
        Layout = layout;
        Start = new double[populations.Length * layout.CellCount];
        for (var r = 0; r < populations.Length; r++)
        {
            populations[r].CopyTo(Start, r * layout.CellCount);
        }

        End = new double[Start.Length];
        Components = new StepFlows(layout, rates.Length);
        ProjectionStep.Advance(layout, rates, assumptions ?? new StepAssumptions(rates.Length), Start, End, Components, new StepWorkspace(layout, rates.Length));
    }

    public PopulationLayout Layout { get; }

    public double[] Start { get; }

    public double[] End { get; }

    public StepFlows Components { get; }

    public double EndOf(int region, Sex sex, int age) => End[(region * Layout.CellCount) + Layout.Index(sex, age)];

    public double RegionTotal(double[] values, int region) => PopulationIndicators.Total(values.AsSpan(region * Layout.CellCount, Layout.CellCount));
}
