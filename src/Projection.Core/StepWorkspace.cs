namespace Projection.Core;

/// <summary>Scratch buffers for <see cref="ProjectionStep.Advance"/>, allocated once per projection so that steps allocate nothing.</summary>
public sealed class StepWorkspace
{
    public StepWorkspace(PopulationLayout layout, int regionCount)
    {
        var cells = regionCount * layout.CellCount;
        InverseDenominator = new double[cells];
        ExposureWithoutArrivals = new double[cells];
        PoolNumerator = new double[layout.CellCount];
        PoolSlope = new double[layout.CellCount];
    }

    /// <summary>1 / (1 + r/2) per cell, r the cell's total exit rate.</summary>
    internal double[] InverseDenominator { get; }

    /// <summary>Exposure before arrivals from the pool: (S + X/2) / (1 + r/2).</summary>
    internal double[] ExposureWithoutArrivals { get; }

    /// <summary>Σ_r k_r·o_r·(S + X/2)/(1 + r/2): internal departures if no one arrived.</summary>
    internal double[] PoolNumerator { get; }

    /// <summary>Σ_r k_r·o_r·d_r/(1 + r/2): how departures respond to the pool's own arrivals.</summary>
    internal double[] PoolSlope { get; }
}
