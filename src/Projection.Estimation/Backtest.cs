using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// Projects from a base year with only what was known then, and compares with what happened:
/// the cohort-component method against the naive baselines, for the total and age groups.
/// </summary>
public static class Backtest
{
    public const string CohortComponent = "cohort-component";

    public const string ConstantGrowth = "constant growth";

    public const string LinearTrend = "linear trend";

    public const string HamiltonPerry = "Hamilton–Perry";

    /// <summary>The plainest baseline: the base year's population, unchanged.</summary>
    public const string NoChange = "no change";


    /// <summary>Years of history the mortality trend is fitted on.</summary>
    public const int MortalityTrendYears = 20;

    /// <summary>The years of data a case reads, from the earliest (the trends) to the target.</summary>
    public static (int First, int Last) YearsRead(int baseYear, int horizon) => (baseYear - Math.Max(MortalityTrendYears, 10) - 1, baseYear + horizon);

    /// <summary>One forecast of one method: the total and each age group.</summary>
    public sealed record Forecast(string Method, double Total, double[] Groups);

    /// <summary>One case: what happened and what each method said.</summary>
    public sealed record Outcome(string Region, int BaseYear, int Horizon, double ObservedTotal, double[] ObservedGroups, IReadOnlyList<Forecast> Forecasts);

    /// <summary>Runs every method for one region, base year and horizon.</summary>
    /// <param name="observed">The region's series.</param>
    /// <param name="baseYear">The base year: only what was known then is used.</param>
    /// <param name="horizon">Years ahead.</param>
    /// <param name="groups">The age groups compared.</param>
    /// <param name="windows">The estimation windows (the defaults when null).</param>
    /// <param name="nation">
    /// The nation's series: when given, mortality improves by age in its pattern of the
    /// <see cref="MortalityTrendYears"/> years to the base (<see cref="MortalityImprovementByAge"/>).
    /// </param>
    public static Outcome Run(ObservedStatistics observed, int baseYear, int horizon, IReadOnlyList<AgeGroup> groups, EstimationWindows? windows = null, ObservedStatistics? nation = null)
    {
        windows ??= new EstimationWindows();
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(groups);
        var layout = observed.Layout;
        var (first, last) = YearsRead(baseYear, horizon);
        var errors = new ValidationErrors();
        for (var year = first; year <= last; year++)
        {
            if (!observed.Population.ContainsKey(year))
            {
                errors.Add("years", $"region {observed.RegionCode} has no population for {year}: a backtest from {baseYear} over {horizon} years reads {first}–{last}.");
                break;
            }
        }

        errors.ThrowIfAny();
        var target = observed.Population[baseYear + horizon];
        var forecasts = new List<Forecast>
        {
            FromPopulation(CohortComponent, ProjectCohortComponent(observed, baseYear, horizon, windows, nation), layout, groups),
            FromSeries(ConstantGrowth, groups, g => Baselines.ConstantGrowth(Series(observed, layout, g), baseYear, horizon)),
            FromSeries(LinearTrend, groups, g => Baselines.LinearTrend(Series(observed, layout, g), baseYear, horizon)),
            FromPopulation(HamiltonPerry, Baselines.HamiltonPerry(layout, observed.Population[baseYear - 5], observed.Population[baseYear], horizon), layout, groups),
            FromPopulation(NoChange, observed.Population[baseYear], layout, groups),
        };

        return new Outcome(observed.RegionCode, baseYear, horizon, PopulationIndicators.Total(target), GroupTotals(target, layout, groups), forecasts);
    }

    /// <summary>The cohort-component projection from <paramref name="baseYear"/> with only what was known then.</summary>
    public static double[] ProjectCohortComponent(ObservedStatistics observed, int baseYear, int horizon, EstimationWindows windows, ObservedStatistics? nation = null)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var input = new ProjectionInput
        {
            Layout = observed.Layout,
            BaseYear = baseYear,
            Regions = [RegionAt(observed, baseYear, windows)],
            MortalityImprovementByAge = nation is null ? null : MortalityImprovementByAge.Fit(nation, baseYear - MortalityTrendYears + 1, baseYear),
        };
        // With the nation's age pattern, its pace too (Li and Lee 2005: regions share b(x)·k(t)); otherwise the region's own trend.
        var result = Projector.Project(input, ScenarioAt(nation ?? observed, baseYear, horizon), keepComponentsByAge: false);
        return result.Population(horizon, 0).ToArray();
    }

    /// <summary>The region as known at <paramref name="baseYear"/>: its population then and rates from the windows ending then.</summary>
    public static Region RegionAt(ObservedStatistics observed, int baseYear, EstimationWindows windows)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(windows);
        var fertility = RateEstimator.Estimate(observed, baseYear - windows.FertilityYears + 1, baseYear).Rates;
        var fertilityRates = fertility.Fertility;
        if (windows.SmoothFertility)
        {
            var exposure = new double[observed.Layout.CellCount];
            RateEstimator.CohortExposure(observed.Layout, observed.Population[baseYear - 1], observed.Population[baseYear], exposure);
            fertilityRates = ScheduleSmoothing.LocalPolynomial(
                fertilityRates,
                exposure.AsSpan(observed.Layout.SexOffset(Sex.Female), observed.Layout.AgeCount),
                RateEstimator.YoungestMotherAge,
                RateEstimator.OldestMotherAge);
        }

        var mortality = RateEstimator.Estimate(observed, baseYear - windows.MortalityYears + 1, baseYear, closeOldestAges: windows.CloseOldestAges).Rates;
        var improvement = Math.Clamp(MortalityTrend.AnnualImprovement(observed, baseYear - MortalityTrendYears + 1, baseYear), -0.05, 0.1);
        var migration = RateEstimator.Estimate(observed, baseYear - windows.MigrationYears + 1, baseYear);
        if (windows.StudentAgeMigration)
        {
            StudentAgeMigration.Apply(observed, baseYear, migration);
        }

        var rates = new RegionRates
        {
            Mortality = MortalityTrend.CarriedToBaseYear(mortality.Mortality, windows.MortalityYears, improvement),
            Fertility = fertilityRates,
            LongRunTotalFertility = LongRunFertility.ToBaseYear(observed, baseYear, windows.FertilityLevelYears),
            SexRatioAtBirth = fertility.SexRatioAtBirth,
            DomesticOutMigration = migration.Rates.DomesticOutMigration,
            Emigration = migration.Rates.Emigration,
            DomesticInMigration = migration.Rates.DomesticInMigration,
            Immigration = migration.Rates.Immigration,
        };
        return new Region(observed.RegionCode, observed.RegionName, observed.Population[baseYear], rates);
    }

    /// <summary>The backtest's scenario: base rates held, mortality falling at the region's trend of the <see cref="MortalityTrendYears"/> years to the base.</summary>
    public static Scenario ScenarioAt(ObservedStatistics observed, int baseYear, int horizon)
    {
        var improvement = MortalityTrend.AnnualImprovement(observed, baseYear - MortalityTrendYears + 1, baseYear);
        return new Scenario
        {
            Name = "backtest",
            Horizon = horizon,
            Mortality = new MortalityAssumption { AnnualImprovement = Math.Clamp(improvement, -0.05, 0.1) },
        };
    }

    /// <summary>Absolute percentage error of a forecast.</summary>
    public static double PercentageError(double forecast, double observed) => observed > 0 ? 100 * Math.Abs(forecast - observed) / observed : double.NaN;

    private static Func<int, double> Series(ObservedStatistics observed, PopulationLayout layout, AgeGroup? group) => year =>
        group is null
            ? PopulationIndicators.Total(observed.Population[year])
            : PopulationIndicators.SumOfAges(observed.Population[year], layout, group.FromAge, group.LastAge(layout));

    private static Forecast FromSeries(string method, IReadOnlyList<AgeGroup> groups, Func<AgeGroup?, double> forecast) =>
        new(method, forecast(null), groups.Select(g => forecast(g)).ToArray());

    private static Forecast FromPopulation(string method, double[] population, PopulationLayout layout, IReadOnlyList<AgeGroup> groups) =>
        new(method, PopulationIndicators.Total(population), GroupTotals(population, layout, groups));

    private static double[] GroupTotals(double[] population, PopulationLayout layout, IReadOnlyList<AgeGroup> groups)
    {
        var totals = new double[groups.Count];
        PopulationIndicators.AgeGroupTotals(population, layout, groups, totals);
        return totals;
    }
}
