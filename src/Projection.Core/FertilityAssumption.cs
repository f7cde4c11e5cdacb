namespace Projection.Core;

/// <summary>
/// The fertility assumption of a scenario: either a constant multiplier on each region's
/// estimated fertility (its base age-specific rates, moving to its long-run level where it has
/// one: <see cref="RegionRates.LongRunTotalFertility"/>), or a target total fertility rate (TFR)
/// reached linearly after <see cref="YearsToTarget"/> years and held there, in place of the
/// long-run level. The age pattern is kept either way.
/// </summary>
public sealed record FertilityAssumption
{
    /// <summary>Multiplier on the estimated fertility, base rates and their path to the long-run level (1 = as estimated, 0 = no births).</summary>
    public double Multiplier { get; init; } = 1;

    /// <summary>TFR (children per woman) to move toward; null keeps the multiplier.</summary>
    public double? TargetTfr { get; init; }

    /// <summary>Years after the base year at which the target TFR is reached.</summary>
    public int YearsToTarget { get; init; } = 10;

    internal void Validate(ValidationErrors errors)
    {
        errors.RequireInRange("fertility.multiplier", Multiplier, 0, 3);
        if (TargetTfr is { } target)
        {
            errors.RequireInRange("fertility.targetTfr", target, 0, 5);
            errors.RequireInRange("fertility.yearsToTarget", YearsToTarget, 1, Scenario.MaxHorizon);
            if (Multiplier != 1)
            {
                errors.Add("fertility", "give either a multiplier or a target TFR, not both.");
            }
        }
    }
}
