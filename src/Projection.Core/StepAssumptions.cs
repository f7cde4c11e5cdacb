namespace Projection.Core;

/// <summary>
/// The factors for one projection year, applied by <see cref="ProjectionStep"/> to each region's
/// base rates: one value per region, so that a stochastic trajectory can move regions apart.
/// Mutable and reused across years so that the yearly loop allocates nothing.
/// </summary>
public sealed class StepAssumptions
{
    public StepAssumptions(int regionCount)
    {
        FertilityFactor = Ones(regionCount);
        MortalityFactor = Ones(regionCount);
        DomesticOutFactor = Ones(regionCount);
        EmigrationFactor = Ones(regionCount);
        DomesticInFactor = Ones(regionCount);
        ImmigrationFactor = Ones(regionCount);
    }

    /// <summary>Multiplier on each region's fertility rates this year.</summary>
    public double[] FertilityFactor { get; }

    /// <summary>Multiplier on each region's death rates this year.</summary>
    public double[] MortalityFactor { get; }

    /// <summary>
    /// Multiplier on the death rate of each cell (sex × age) this year, the same in every region:
    /// the age pattern of mortality improvement, (1 − i·s(x))^t (docs/method.md). Empty when
    /// improvement is the same at every age; then it is in <see cref="MortalityFactor"/>.
    /// </summary>
    public double[] MortalityByAge { get; internal set; } = [];

    // What MortalityByAge was last computed from, so that the following year is one step on.
    private double[] _yearlyChange = [];
    private double[]? _pattern;
    private double _patternImprovement;
    private int _patternYear;

    // Each region's base TFR, computed in year 1 of a projection (or for other regions) and reused in the years after.
    private double[] _baseTfr = [];
    private IReadOnlyList<Region>? _baseTfrOf;

    public double[] DomesticOutFactor { get; }

    public double[] EmigrationFactor { get; }

    public double[] DomesticInFactor { get; }

    public double[] ImmigrationFactor { get; }

    /// <summary>Whether every rate factor of <paramref name="region"/> (mortality and the four migration flows) is exactly 1.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal bool LeavesRatesAsEstimated(int region) =>
        MortalityFactor[region] == 1 && DomesticOutFactor[region] == 1 && EmigrationFactor[region] == 1 && DomesticInFactor[region] == 1 && ImmigrationFactor[region] == 1;

    /// <summary>Sets every region's factors of projection year <paramref name="yearIndex"/> (1 = the first year after the base year).</summary>
    /// <param name="scenario">The scenario's assumptions.</param>
    /// <param name="regions">The regions, for their own fertility path: toward the scenario's target TFR or their long-run level.</param>
    /// <param name="yearIndex">The projection year, 1 = the first after the base year.</param>
    /// <param name="improvementByAge">
    /// The relative age pattern s(x) of mortality improvement (<see cref="ProjectionInput.MortalityImprovementByAge"/>),
    /// or null for the same improvement at every age.
    /// </param>
    public void SetYear(Scenario scenario, IReadOnlyList<Region> regions, int yearIndex, double[]? improvementByAge = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(regions);
        var improvement = scenario.Mortality.AnnualImprovement;
        if (improvementByAge is null)
        {
            MortalityByAge = [];
            Array.Fill(MortalityFactor, scenario.Mortality.Multiplier * Math.Pow(1 - improvement, yearIndex));
        }
        else
        {
            if (MortalityByAge.Length != improvementByAge.Length)
            {
                MortalityByAge = new double[improvementByAge.Length];
                _yearlyChange = new double[improvementByAge.Length];
                _pattern = null;
            }

            if (ReferenceEquals(improvementByAge, _pattern) && improvement == _patternImprovement && yearIndex == _patternYear + 1)
            {
                // The next year of the same pattern (as the projection loop asks): one multiplication per cell, not a power.
                for (var c = 0; c < _yearlyChange.Length; c++)
                {
                    MortalityByAge[c] *= _yearlyChange[c];
                }
            }
            else
            {
                // The scenario's improvement i spread over age as i·s(x); a rate of change beyond ±50 % a year is held there.
                for (var c = 0; c < improvementByAge.Length; c++)
                {
                    _yearlyChange[c] = Math.Clamp(1 - (improvement * improvementByAge[c]), 0.5, 1.5);
                    MortalityByAge[c] = Math.Pow(_yearlyChange[c], yearIndex);
                }

                (_pattern, _patternImprovement) = (improvementByAge, improvement);
            }

            _patternYear = yearIndex;

            Array.Fill(MortalityFactor, scenario.Mortality.Multiplier);
        }

        Array.Fill(DomesticOutFactor, scenario.Migration.DomesticOut);
        Array.Fill(EmigrationFactor, scenario.Migration.Emigration);
        Array.Fill(DomesticInFactor, scenario.Migration.DomesticIn);
        Array.Fill(ImmigrationFactor, scenario.Migration.Immigration);
        var fertility = scenario.Fertility;
        if (yearIndex == 1 || !ReferenceEquals(regions, _baseTfrOf))
        {
            // Each region's base TFR, once per projection (a year's factors need it for every region and year).
            _baseTfr = _baseTfr.Length == regions.Count ? _baseTfr : new double[regions.Count];
            for (var r = 0; r < regions.Count; r++)
            {
                _baseTfr[r] = regions[r].Rates.TotalFertility();
            }

            _baseTfrOf = regions;
        }

        for (var r = 0; r < FertilityFactor.Length; r++)
        {
            // A scenario's target TFR replaces the region's own long-run level; otherwise the
            // multiplier scales the estimated path (the long-run level, or the base schedule held).
            FertilityFactor[r] = fertility.TargetTfr is { } target
                ? RegionRates.FertilityPathFactor(_baseTfr[r], target, fertility.YearsToTarget, yearIndex)
                : regions[r].Rates.LongRunTotalFertility is { } longRun
                    ? fertility.Multiplier * RegionRates.FertilityPathFactor(_baseTfr[r], longRun, RegionRates.YearsToLongRunFertility, yearIndex)
                    : fertility.Multiplier;
        }
    }

    private static double[] Ones(int count)
    {
        var values = new double[count];
        Array.Fill(values, 1.0);
        return values;
    }
}
