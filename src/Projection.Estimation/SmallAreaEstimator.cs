using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// Rates for a set of municipalities from their own observed series, borrowing strength from
/// their sum (the county): each municipality's fertility and mortality are the county's age
/// schedules times its own level, shrunk toward the county by <see cref="LevelFactor"/> over the
/// window's events; migration is its own (gross flows where fetched, else the net residual),
/// the last three years counting for half at the student ages (<see cref="StudentAgeMigration"/>),
/// with rate schedules smoothed over age where few people moved. This is what replaces the
/// modeled embedded default once SCB's tables are in the store.
/// </summary>
public static class SmallAreaEstimator
{
    /// <summary>One municipality's rates and levels.</summary>
    public sealed record Estimate(string Code, string Name, double[] BasePopulation, RegionRates Rates, double FertilityLevel, double MortalityLevel, string MigrationMethod);

    public static IReadOnlyList<Estimate> Build(IReadOnlyList<ObservedStatistics> municipalities, int baseYear, EstimationWindows windows)
    {
        ArgumentNullException.ThrowIfNull(municipalities);
        ArgumentNullException.ThrowIfNull(windows);
        if (municipalities.Count == 0)
        {
            throw new InvalidInputException(new Dictionary<string, string[]> { ["regions"] = ["no municipalities with observed series."] });
        }

        var layout = municipalities[0].Layout;
        var county = new ObservedStatistics("county", "county", layout);
        foreach (var municipality in municipalities)
        {
            county.Add(municipality);
        }

        var mortalityFrom = baseYear - windows.MortalityYears + 1;
        var fertilityFrom = baseYear - windows.FertilityYears + 1;
        var migrationFrom = baseYear - windows.MigrationYears + 1;
        var countyMortality = RateEstimator.Estimate(county, mortalityFrom, baseYear).Rates.Mortality;

        // The levels compare like with like (the window's own rates); the rates then go to the base year.
        var carryToBaseYear = Math.Pow(1 - MortalityTrend.RecentImprovement(county, baseYear), (windows.MortalityYears - 1) / 2.0);
        var countyFertility = RateEstimator.Estimate(county, fertilityFrom, baseYear).Rates.Fertility;

        // The level fertility returns to, as a multiple of the window's: the county's twenty-year mean TFR (over the years the store holds).
        var countyLongRun = LongRunFertility.ToBaseYear(county, baseYear, windows.FertilityLevelYears);
        var results = new List<Estimate>();
        foreach (var municipality in municipalities)
        {
            var (deaths, expectedDeaths) = Events(municipality, countyMortality, mortalityFrom, baseYear, fertility: false);
            var (births, expectedBirths) = Events(municipality, countyFertility, fertilityFrom, baseYear, fertility: true);
            var mortalityLevel = LevelFactor.Shrunk(deaths, expectedDeaths);
            var fertilityLevel = LevelFactor.Shrunk(births, expectedBirths);
            // Only its migration is used: over the migration window the backtests chose (twelve years), not the mortality window's five.
            var own = RateEstimator.Estimate(municipality, migrationFrom, baseYear);
            if (windows.StudentAgeMigration)
            {
                StudentAgeMigration.Apply(municipality, baseYear, own);
            }

            var exposure = new double[layout.CellCount];
            RateEstimator.CohortExposure(layout, municipality.Population[baseYear - 1], municipality.Population[baseYear], exposure);
            var rates = new RegionRates
            {
                Mortality = Scale(countyMortality, mortalityLevel * carryToBaseYear),
                Fertility = Scale(countyFertility, fertilityLevel),
                LongRunTotalFertility = countyLongRun * fertilityLevel,
                SexRatioAtBirth = county.BirthsBySex.Where(kv => kv.Key >= fertilityFrom && kv.Key <= baseYear).Sum(kv => kv.Value[0]) / Math.Max(1, county.BirthsBySex.Where(kv => kv.Key >= fertilityFrom && kv.Key <= baseYear).Sum(kv => kv.Value[1])),
                DomesticOutMigration = SmoothBySex(layout, own.Rates.DomesticOutMigration, exposure),
                Emigration = SmoothBySex(layout, own.Rates.Emigration, exposure),
                DomesticInMigration = own.Rates.DomesticInMigration,
                Immigration = own.Rates.Immigration,
            };
            results.Add(new Estimate(municipality.RegionCode, municipality.RegionName, municipality.Population[baseYear], rates, fertilityLevel, mortalityLevel, own.MigrationMethod));
        }

        return results;
    }

    /// <summary>Observed events over the window, and those the county's rates would give on the municipality's exposure.</summary>
    private static (double Observed, double Expected) Events(ObservedStatistics municipality, double[] countyRates, int from, int to, bool fertility)
    {
        var layout = municipality.Layout;
        double observed = 0, expected = 0;
        var exposure = new double[layout.CellCount];
        var cohortDeaths = new double[layout.CellCount];
        for (var year = from; year <= to; year++)
        {
            RateEstimator.CohortExposure(layout, municipality.Population[year - 1], municipality.Population[year], exposure);
            if (fertility)
            {
                observed += municipality.BirthsBySex[year].Sum();
                var women = layout.SexOffset(Sex.Female);
                for (var age = 0; age < countyRates.Length; age++)
                {
                    expected += countyRates[age] * exposure[women + age];
                }
            }
            else
            {
                municipality.CohortDeaths(year, cohortDeaths);
                observed += cohortDeaths.Sum();
                for (var c = 0; c < exposure.Length; c++)
                {
                    expected += countyRates[c] * exposure[c];
                }
            }
        }

        return (observed, expected);
    }

    private static double[] Scale(double[] values, double factor) => values.Select(v => v * factor).ToArray();

    private static double[] SmoothBySex(PopulationLayout layout, double[] rates, double[] exposure)
    {
        var smoothed = new double[rates.Length];
        for (var s = 0; s < 2; s++)
        {
            var offset = layout.SexOffset((Sex)s);
            ScheduleSmoothing.LocalPolynomial(rates.AsSpan(offset, layout.AgeCount), exposure.AsSpan(offset, layout.AgeCount), 0, layout.OldestAge)
                .CopyTo(smoothed, offset);
        }

        return smoothed;
    }
}
