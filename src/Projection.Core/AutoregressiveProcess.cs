namespace Projection.Core;

/// <summary>
/// A first-order autoregressive deviation, x(t) = φ·x(t−1) + σ·ε(t) with ε standard normal,
/// starting from 0 at the base year. φ = 1 is a random walk (deviations accumulate, as for the
/// level of mortality); |φ| &lt; 1 reverts towards the scenario (fertility, migration).
/// </summary>
/// <param name="Persistence">φ, in [0, 1].</param>
/// <param name="InnovationSd">σ, the standard deviation of one year's innovation, ≥ 0.</param>
public readonly record struct AutoregressiveProcess(double Persistence, double InnovationSd)
{
    /// <summary>The next value after <paramref name="previous"/> given a standard normal draw.</summary>
    public double Next(double previous, double standardNormal) => (Persistence * previous) + (InnovationSd * standardNormal);

    /// <summary>The standard deviation of x in the long run, σ/√(1 − φ²); infinite for a random walk.</summary>
    public double StationarySd() => Persistence < 1 ? InnovationSd / Math.Sqrt(1 - (Persistence * Persistence)) : double.PositiveInfinity;

    /// <summary>A start drawn from the long-run distribution (0 for a random walk, which has none).</summary>
    public double StationaryStart(double standardNormal) => Persistence < 1 ? StationarySd() * standardNormal : 0;

    /// <summary>The standard deviation of x(t) after <paramref name="years"/> steps from 0.</summary>
    public double SdAfter(int years)
    {
        var variance = 0.0;
        var weight = 1.0;
        for (var k = 0; k < years; k++)
        {
            variance += weight;
            weight *= Persistence * Persistence;
        }

        return InnovationSd * Math.Sqrt(variance);
    }

    internal void Validate(string field, ValidationErrors errors)
    {
        errors.RequireInRange($"{field}.persistence", Persistence, 0, 1);
        errors.RequireInRange($"{field}.innovationSd", InnovationSd, 0, 1);
    }
}
