namespace Projection.Core;

/// <summary>
/// The mortality assumption of a scenario: death rates in projection year t (t = 1 the year
/// after the base year) are the base rates × <see cref="Multiplier"/> × (1 − <see cref="AnnualImprovement"/>)^t.
/// A constant rate of improvement at all ages is the simplest reading of Lee–Carter's drift
/// (Lee and Carter 1992); see docs/method.md.
/// </summary>
public sealed record MortalityAssumption
{
    /// <summary>Multiplier on the base death rates.</summary>
    public double Multiplier { get; init; } = 1;

    /// <summary>Yearly relative decline of death rates (0.01 = 1 % a year); negative values mean worsening.</summary>
    public double AnnualImprovement { get; init; }

    internal void Validate(ValidationErrors errors)
    {
        errors.RequireInRange("mortality.multiplier", Multiplier, 0.1, 5);
        errors.RequireInRange("mortality.annualImprovement", AnnualImprovement, -0.05, 0.1);
    }
}
