namespace Projection.Core;

/// <summary>
/// The scenario's factors for one projection year, applied by <see cref="ProjectionStep"/> to
/// every region's base rates. Mutable and reused across years so that the yearly loop allocates nothing.
/// </summary>
public sealed class StepAssumptions
{
    public StepAssumptions(int regionCount)
    {
        FertilityFactor = new double[regionCount];
        Array.Fill(FertilityFactor, 1.0);
    }

    /// <summary>Multiplier on each region's fertility rates this year.</summary>
    public double[] FertilityFactor { get; }

    public double MortalityFactor { get; set; } = 1;

    public double DomesticOutFactor { get; set; } = 1;

    public double EmigrationFactor { get; set; } = 1;

    public double DomesticInFactor { get; set; } = 1;

    public double ImmigrationFactor { get; set; } = 1;

    /// <summary>Sets the factors of projection year <paramref name="yearIndex"/> (1 = the first year after the base year).</summary>
    public void SetYear(Scenario scenario, IReadOnlyList<Region> regions, int yearIndex)
    {
        MortalityFactor = scenario.Mortality.Multiplier * Math.Pow(1 - scenario.Mortality.AnnualImprovement, yearIndex);
        DomesticOutFactor = scenario.Migration.DomesticOut;
        EmigrationFactor = scenario.Migration.Emigration;
        DomesticInFactor = scenario.Migration.DomesticIn;
        ImmigrationFactor = scenario.Migration.Immigration;
        var fertility = scenario.Fertility;
        for (var r = 0; r < FertilityFactor.Length; r++)
        {
            if (fertility.TargetTfr is not { } target)
            {
                FertilityFactor[r] = fertility.Multiplier;
                continue;
            }

            // Linear path from the region's own TFR to the target; a region with no fertility has no age pattern to scale.
            var baseTfr = regions[r].Rates.TotalFertility();
            var progress = Math.Min(1.0, (double)yearIndex / fertility.YearsToTarget);
            var tfr = baseTfr + ((target - baseTfr) * progress);
            FertilityFactor[r] = baseTfr > 0 ? tfr / baseTfr : 0;
        }
    }
}
