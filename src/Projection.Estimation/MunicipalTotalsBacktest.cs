using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// What the method can do for municipal totals when, as offline, only the totals are known by
/// municipality: each municipality gets its county's age detail scaled to its own total, the
/// county's rates, and its own net migration — the mean over the migration window (twelve years) of its total
/// change less its natural increase at the county's crude birth and death rates — spread by the
/// Rogers–Castro shape. Compared with the naive baselines on the same totals.
/// </summary>
public static class MunicipalTotalsBacktest
{
    /// <summary>One case: what happened and what each method said for a municipality's total.</summary>
    public sealed record Outcome(string Region, int BaseYear, int Horizon, double Observed, IReadOnlyDictionary<string, double> Forecasts);

    /// <summary>The municipality as the method sees it at <paramref name="baseYear"/> with totals only, and the scenario it is projected under (the county's mortality trend).</summary>
    public static (Region Region, Scenario Scenario) At(string code, SortedDictionary<int, double> totals, ObservedStatistics county, int baseYear, int horizon, EstimationWindows windows)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(county);
        ArgumentNullException.ThrowIfNull(windows);
        var layout = county.Layout;
        double Total(int year) => TotalOf(code, totals, year);

        // Net migration of the last years, at the county's crude rates of natural increase.
        var net = 0.0;
        for (var year = baseYear - windows.MigrationYears + 1; year <= baseYear; year++)
        {
            var naturalIncrease = county.CrudeNaturalIncrease(year)
                ?? throw new InvalidInputException(new Dictionary<string, string[]> { ["years"] = [$"county {county.RegionCode} has no births, deaths or population for {year}."] });
            net += NetMigration(Total(year - 1), Total(year), naturalIncrease);
        }

        net /= windows.MigrationYears;
        var countyRates = RateEstimator.Estimate(county, baseYear - windows.FertilityYears + 1, baseYear).Rates;
        var countyMortality = RateEstimator.Estimate(county, baseYear - windows.MortalityYears + 1, baseYear).Rates;
        var population = (double[])county.Population[baseYear].Clone();
        var scale = Total(baseYear) / PopulationIndicators.Total(population);
        for (var c = 0; c < population.Length; c++)
        {
            population[c] *= scale;
        }

        var shape = RogersCastro.Standard.Shape(layout.OldestAge);
        var movers = new double[layout.CellCount];
        for (var s = 0; s < 2; s++)
        {
            for (var age = 0; age <= layout.OldestAge; age++)
            {
                var c = layout.Index((Sex)s, age);
                movers[c] = shape[age] * population[c];
            }
        }

        var moverTotal = movers.Sum();
        var immigration = new double[layout.CellCount];
        var outRates = new double[layout.CellCount];
        for (var c = 0; c < movers.Length; c++)
        {
            immigration[c] = net > 0 ? net * movers[c] / moverTotal : 0;
            outRates[c] = net < 0 && population[c] > 0 ? -net * movers[c] / moverTotal / population[c] : 0;
        }

        var rates = new RegionRates
        {
            Mortality = countyMortality.Mortality,
            Fertility = countyRates.Fertility,
            LongRunTotalFertility = LongRunFertility.ToBaseYear(county, baseYear, windows.FertilityLevelYears),
            SexRatioAtBirth = countyRates.SexRatioAtBirth,
            DomesticOutMigration = outRates,
            Emigration = new double[layout.CellCount],
            DomesticInMigration = new double[layout.CellCount],
            Immigration = immigration,
        };
        var improvement = MortalityTrend.AnnualImprovement(county, baseYear - Backtest.MortalityTrendYears + 1, baseYear);
        return (
            new Region(code, code, population, rates),
            new Scenario { Name = "backtest", Horizon = horizon, Mortality = new MortalityAssumption { AnnualImprovement = Math.Clamp(improvement, -0.05, 0.1) } });
    }

    public static Outcome Run(string code, SortedDictionary<int, double> totals, ObservedStatistics county, int baseYear, int horizon, EstimationWindows windows)
    {
        var (region, scenario) = At(code, totals, county, baseYear, horizon, windows);
        var result = Projector.Project(new ProjectionInput { Layout = county.Layout, BaseYear = baseYear, Regions = [region] }, scenario, keepComponentsByAge: false);
        double Total(int year) => TotalOf(code, totals, year);

        var forecasts = new Dictionary<string, double>
        {
            [Backtest.CohortComponent] = PopulationIndicators.Total(result.Population(horizon, 0)),
            [Backtest.ConstantGrowth] = Baselines.ConstantGrowth(Total, baseYear, horizon),
            [Backtest.LinearTrend] = Baselines.LinearTrend(Total, baseYear, horizon),
        };
        return new Outcome(code, baseYear, horizon, Total(baseYear + horizon), forecasts);
    }

    /// <summary>
    /// A year's net migration of a region known by its totals alone: its change less the natural
    /// increase its population at the start would have at <paramref name="naturalIncrease"/>
    /// (births less deaths per inhabitant; the county's, for a municipality).
    /// </summary>
    public static double NetMigration(double totalBefore, double total, double naturalIncrease) => total - totalBefore - (naturalIncrease * totalBefore);

    /// <summary>The municipality's total of <paramref name="year"/>, or an error naming the year it lacks.</summary>
    private static double TotalOf(string code, SortedDictionary<int, double> totals, int year) => totals.TryGetValue(year, out var value)
        ? value
        : throw new InvalidInputException(new Dictionary<string, string[]> { ["years"] = [$"municipality {code} has no total for {year}."] });
}
