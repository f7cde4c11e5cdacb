namespace Projection.Core;

/// <summary>Scratch buffers for <see cref="ProjectionStep.Advance"/>, allocated once per projection so that steps allocate nothing.</summary>
public sealed class StepWorkspace
{
    public StepWorkspace(PopulationLayout layout, int regionCount)
    {
        ArgumentNullException.ThrowIfNull(layout);
        RegionCount = regionCount;
        Pool = new double[layout.CellCount];
        PoolSlope = new double[layout.CellCount];
        UniformMortality = new double[layout.CellCount];
        Array.Fill(UniformMortality, 1.0);
    }

    public int RegionCount { get; }

    /// <summary>
    /// Per cell, the migration pool: first Σ_r k_r·o_r·(S + X/2)/(1 + r/2), the set's internal
    /// departures if no one arrived (the numerator), then divided into the pool itself, M = P / (1 − Q/2).
    /// </summary>
    internal double[] Pool { get; }

    /// <summary>Per cell: Σ_r k_r·o_r·d_r/(1 + r/2), how departures respond to the pool's own arrivals.</summary>
    internal double[] PoolSlope { get; }

    /// <summary>Ones: the age pattern of mortality change when the assumptions have none (<see cref="StepAssumptions.MortalityByAge"/> empty).</summary>
    internal double[] UniformMortality { get; }
}
