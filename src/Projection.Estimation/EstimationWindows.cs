namespace Projection.Estimation;

/// <summary>
/// How the cohort-component method reads the past (in production and in the backtests that chose it): years pooled for each kind of rate,
/// ending at the base year. Fertility moves in long swings, so its latest year is the best
/// guess of the next (a random walk); net migration jumps from year to year and reverts, so it
/// is averaged over twelve (chosen among 10, 12, 15 and 20 on the backtests' bases 1990–1997,
/// reported on 1998–2005); mortality is pooled over five and trended (docs/accuracy.md).
/// Fertility's age pattern is the latest year's, but its level returns within five years to the
/// mean TFR of the twenty years to the base (<see cref="LongRunFertility"/>). At the ages young
/// people arrive to study, the last three years count for half (<see cref="Estimation.StudentAgeMigration"/>).
/// </summary>
/// <param name="FertilityYears">Years of fertility pooled.</param>
/// <param name="MortalityYears">Years of mortality pooled.</param>
/// <param name="MigrationYears">Years of net migration averaged.</param>
/// <param name="SmoothFertility">Smooth the fertility schedule by a local polynomial (<see cref="ScheduleSmoothing"/>).</param>
/// <param name="FertilityLevelYears">Years of TFR averaged for the level fertility returns to (<see cref="LongRunFertility"/>); 0 holds the base year's level.</param>
/// <param name="StudentAgeMigration">Net migration at 16–22 half from the last three years, the difference taken back at 23–29 (<see cref="Estimation.StudentAgeMigration"/>); on by default, chosen on the backtests' early bases (docs/accuracy.md).</param>
/// <param name="CloseOldestAges">Death rates from 95 on by the Kannisto model (<see cref="KannistoClosure"/>); off by default: on the county series it did not help (docs/accuracy.md).</param>
public sealed record EstimationWindows(int FertilityYears = 1, int MortalityYears = 5, int MigrationYears = 12, bool SmoothFertility = true, bool CloseOldestAges = false, int FertilityLevelYears = LongRunFertility.DefaultYears, bool StudentAgeMigration = true)
{
    public int Longest => Math.Max(FertilityYears, Math.Max(MortalityYears, MigrationYears));
}
