using Projection.Core;

namespace Projection.Estimation;

/// <summary>Rates estimated for one region over a window of years, with what they imply and how they were made.</summary>
/// <param name="RegionCode">SCB region code.</param>
/// <param name="FirstYear">First calendar year of the window.</param>
/// <param name="LastYear">Last calendar year of the window (the base year of a projection that starts here).</param>
/// <param name="Rates">The engine's rates.</param>
/// <param name="TotalFertility">TFR implied by the fertility rates.</param>
/// <param name="LifeExpectancyMen">e(0) of men implied by the death rates (stationary population).</param>
/// <param name="LifeExpectancyWomen">e(0) of women implied by the death rates.</param>
/// <param name="MeanNetMigration">Mean yearly net migration over the window (all ages, both sexes).</param>
/// <param name="MigrationMethod">"gross flows" where SCB's migration tables were available, else "net residual".</param>
public sealed record EstimatedRates(
    string RegionCode,
    int FirstYear,
    int LastYear,
    RegionRates Rates,
    double TotalFertility,
    double LifeExpectancyMen,
    double LifeExpectancyWomen,
    double MeanNetMigration,
    string MigrationMethod);
