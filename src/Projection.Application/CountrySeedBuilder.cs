using System.Globalization;
using Projection.Core;
using Projection.Estimation;
using Projection.Files;

namespace Projection.Application;

/// <summary>
/// Generates the embedded data of every county but the home one (seeds/sweden/*.json): each
/// county's municipalities on 31 December 2019 with SCB's real population by sex and single year
/// of age, and rates modeled from what is offline. What is observed and what is modeled is said in
/// each region's provenance and in docs/method.md §9.1:
/// <list type="bullet">
/// <item>Fertility and mortality by age: the county's own SCB series 2011–2015 where
/// <c>scb-county</c> has it (12 of 21 counties), else Sweden's with the county's fertility level
/// from its 2019 child–woman ratio (no county deaths are offline, so mortality is Sweden's); both
/// at the national levels of 2019 on the path the home seed found to 2024.</item>
/// <item>Each municipality's fertility level: its 2019 child–woman ratio relative to its county,
/// shrunk (κ = 20 children). Its mortality: the county's (no municipal deaths offline).</item>
/// <item>Net migration: the average of 2004–2019, the published change of the total less the
/// natural increase its rates give; gross flows around it by the Rogers–Castro standard shape,
/// leaving at the rate the home county's municipalities left in 2019Q1.</item>
/// </list>
/// Re-runnable: the same inputs give the same files.
/// </summary>
public static class CountrySeedBuilder
{
    public const int BaseYear = SeedBuilder.ObservedAgesYear;

    /// <summary>The totals by sex 2001–2004 of every region (scb-kommun).</summary>
    public const string TotalsFile = "population_31dec2001_2004_total_by_sex.csv";

    /// <summary>The year of the earlier published total that migration is inferred from.</summary>
    public const int EarlierTotalYear = 2004;

    /// <summary>Heby moved from Västmanland (1917) to Uppsala county (0331) on 1 January 2007: the 2001–2004 totals know it by its old code.</summary>
    private static readonly IReadOnlyDictionary<string, string> RenamedCodes = new Dictionary<string, string> { ["1917"] = "0331" };

    /// <summary>One county's seed and what the generator found for it (for the command's table).</summary>
    public sealed record County(SeedDocument Seed, bool OwnSeries, double FertilityLevel, double TotalFertility);

    /// <param name="sharedDataDirectory">The shared data (scb/, scb-county/, scb-kommun/).</param>
    /// <param name="includeHome">Also the home county by this method (from 2019), to check the method against the home county's published totals of 2020–2024.</param>
    public static IReadOnlyList<County> Build(string sharedDataDirectory, bool includeHome = false)
    {
        var layout = PopulationLayout.Default;
        var (home, homeModel) = SeedBuilder.Build(sharedDataDirectory);
        var kommun = Path.Combine(sharedDataDirectory, "scb-kommun");
        var scb = Path.Combine(sharedDataDirectory, "scb");
        var series = CountySeriesCsv.ReadDirectory(Path.Combine(sharedDataDirectory, "scb-county"), layout);
        var ages = CountySeriesCsv.ReadPopulation(Path.Combine(kommun, SeedBuilder.MunicipalAgesFile), layout);
        var totalsFile = Path.Combine(kommun, TotalsFile);
        var earlierTotals = CountySeriesCsv.ReadTotalsBySex(totalsFile).ToDictionary(kv => RenamedCodes.GetValueOrDefault(kv.Key, kv.Key), kv => kv.Value);
        var names = CountySeriesCsv.ReadRegionNames(totalsFile);
        var quarter = ScbExtractCsv.ReadQuarter(Path.Combine(scb, ScbExtractCsv.QuarterFile));
        var nationalYear = ScbExtractCsv.ReadNationalChange(Path.Combine(scb, ScbExtractCsv.NationalChangeFile));

        // National levels of 2019 on the path the home seed found from the window (2011–2015) to 2024.
        var middle = (SeedBuilder.RateWindowFirst + SeedBuilder.RateWindowLast) / 2.0;
        var fertilityLevel = MunicipalBaseModel.LevelIn(BaseYear, homeModel.FertilityLevelAtBase, middle, SeedBuilder.BaseYear);
        var mortalityLevel = MunicipalBaseModel.LevelIn(BaseYear, homeModel.MortalityLevelAtBase, middle, SeedBuilder.BaseYear);
        var national = RateEstimator.Estimate(series["00"], SeedBuilder.RateWindowFirst, SeedBuilder.RateWindowLast);
        var longRunOverBase = MunicipalBaseModel.LongRunFertilityLevel(series["00"], national.TotalFertility, SeedBuilder.RateWindowLast, BaseYear, year => MunicipalBaseModel.LevelIn(year, homeModel.FertilityLevelAtBase, middle, SeedBuilder.BaseYear)) / fertilityLevel;

        // Moves out of a municipality in a year per inhabitant: the home county's ten in 2019Q1, × 4 (the only municipal gross flows offline).
        var homeCodes = home.Regions.Select(r => r.Code).ToList();
        var outRate = 4 * homeCodes.Sum(c => quarter[c].OutMigrants) / homeCodes.Sum(c => PopulationIndicators.Total(ages[c].Population[BaseYear]));
        var emigrationRate = nationalYear.Emigrants / nationalYear.Population;
        var netAbroadRate = (nationalYear.Immigrants - nationalYear.Emigrants) / nationalYear.Population;
        var shape = RogersCastro.Standard.Shape(layout.OldestAge);

        var counties = new List<County>();
        var sweden = CountyPopulation(layout, ages.Keys, ages);
        foreach (var countyCode in names.Keys.Where(c => c.Length == 2 && c != "00" && (includeHome || c != home.County.Code)))
        {
            var municipalities = ages.Keys.Where(c => c.Length == 4 && c.StartsWith(countyCode, StringComparison.Ordinal)).ToList();
            if (municipalities.Count == 0)
            {
                throw new InvalidDataFileException($"{SeedBuilder.MunicipalAgesFile}: no municipality of county {countyCode} ({names[countyCode]}).");
            }

            var countyPopulation = CountyPopulation(layout, municipalities, ages);
            var ownSeries = series.TryGetValue(countyCode, out var countySeries);
            var windowRates = ownSeries ? RateEstimator.Estimate(countySeries!, SeedBuilder.RateWindowFirst, SeedBuilder.RateWindowLast).Rates : national.Rates;

            // Without its own births, the county's fertility is Sweden's × its child–woman ratio relative to Sweden's.
            var countyFertilityLevel = ownSeries ? 1 : MunicipalBaseModel.ChildWomanLevel(layout, countyPopulation, MunicipalBaseModel.ChildWomanRatio(layout, sweden));
            var countyRates = MunicipalBaseModel.Scaled(windowRates, fertilityLevel * countyFertilityLevel, mortalityLevel);
            var populations = municipalities.Select(c => ages[c].Population[BaseYear]).ToList();
            var fertilityLevels = MunicipalBaseModel.ChildWomanLevels(layout, populations);
            var seed = NewSeed(home, countyCode, names[countyCode], layout);
            var nets = new double[municipalities.Count];
            for (var m = 0; m < municipalities.Count; m++)
            {
                var code = municipalities[m];
                var population = populations[m];
                var rates = MunicipalBaseModel.Scaled(countyRates, fertilityLevels[m], 1);
                var earlier = earlierTotals.TryGetValue(code, out var years) && years.TryGetValue(EarlierTotalYear, out var bySex)
                    ? bySex.Sum()
                    : throw new InvalidDataFileException($"{TotalsFile}: no total for {code} ({ages[code].RegionName}) in {EarlierTotalYear}.");
                var net = nets[m] = NetMigrationPerYear(layout, population, rates, earlier);
                var total = PopulationIndicators.Total(population);
                var flows = MunicipalBaseModel.GrossFlows(layout, population, outRate * total, netAbroadRate * total, net, emigrationRate, shape);
                seed.Regions.Add(Region(layout, code, ages[code].RegionName, population, rates, flows, national.Rates.SexRatioAtBirth, ownSeries, countyCode, fertilityLevels[m] * countyFertilityLevel, net, longRunOverBase));
                seed.Observed.Add(ObservedTotals(code, years, total));
            }

            // Projected as the sum of its municipalities: one municipality's levels and migration would misstate it.
            if (municipalities.Count > 1)
            {
                var levels = fertilityLevels.Select(level => level * countyFertilityLevel).ToList();
                var rates = RatesProvenance(
                    ownSeries,
                    countyCode,
                    $"fertility levels {Number(levels.Min(), "0.000")}–{Number(levels.Max(), "0.000")}",
                    $"net migration {Number(nets.Sum(), "0")} a year in all, the sum of their averages of");
                seed.County.RatesProvenance = rates with { Method = $"The sum of its {municipalities.Count} municipalities' projections, each with its own rates (each municipality's projection names them): {rates.Method}" };
            }

            counties.Add(new County(seed, ownSeries, countyFertilityLevel, countyRates.TotalFertility()));
        }

        return counties;
    }

    /// <summary>Where a county's seed is written: seeds/sweden/{code}.json.</summary>
    public static string FileName(string countyCode) => countyCode + ".json";

    private static SeedDocument NewSeed(SeedDocument home, string code, string name, PopulationLayout layout) => new()
    {
        Description = $"{name}'s municipalities on 31 December {BaseYear}: SCB's real population by sex and single year of age, with rates modeled from the SCB series offline (docs/method.md §9.1).",
        GeneratedBy = "dotnet run --project src/Projection.Cli -- seed --country --shared-data <shared>/data --out seeds/sweden",
        OldestAge = layout.OldestAge,
        BaseYear = BaseYear,
        County = new SeedCounty { Code = code, Name = name },
        MortalityImprovementByAge = home.MortalityImprovementByAge,
        MortalityImprovementProvenance = home.MortalityImprovementProvenance,
    };

    /// <summary>
    /// The average yearly net migration from <see cref="EarlierTotalYear"/> to the base year: the change of the
    /// published total less the natural increase. The natural increase is what the rates give the base
    /// year's population, scaled to the period's mean population (the population by age of 2004 is not offline).
    /// </summary>
    private static double NetMigrationPerYear(PopulationLayout layout, double[] population, RegionRates rates, double earlierTotal)
    {
        var total = PopulationIndicators.Total(population);
        var births = MunicipalBaseModel.ExpectedBirths(layout, rates, population);
        var deaths = MunicipalBaseModel.ExpectedDeaths(layout, rates, population);
        var years = BaseYear - EarlierTotalYear;
        var naturalIncrease = (births - deaths) * ((earlierTotal + total) / 2 / total);
        return ((total - earlierTotal) / years) - naturalIncrease;
    }

    private static double[] CountyPopulation(PopulationLayout layout, IEnumerable<string> codes, IReadOnlyDictionary<string, ObservedStatistics> ages)
    {
        var sum = new double[layout.CellCount];
        foreach (var code in codes.Where(c => c.Length == 4))
        {
            var population = ages[code].Population[BaseYear];
            for (var c = 0; c < sum.Length; c++)
            {
                sum[c] += population[c];
            }
        }

        return sum;
    }

    private static SeedRegion Region(PopulationLayout layout, string code, string name, double[] population, RegionRates rates, MunicipalBaseModel.Flows flows, double sexRatio, bool ownSeries, string countyCode, double fertilityLevel, double net, double longRunOverBase) => new()
    {
        Code = code,
        Name = name,
        Population = SeedFile.Schedule(layout, population, 7),
        Rates = new SeedRates
        {
            Mortality = SeedFile.Schedule(layout, rates.Mortality, 5),
            Fertility = SeedFile.Round(rates.Fertility, 5),
            LongRunTotalFertility = Math.Round(rates.TotalFertility() * longRunOverBase, 4),
            DomesticOutMigration = SeedFile.Schedule(layout, flows.DomesticOut, 5),
            Emigration = SeedFile.Schedule(layout, flows.Emigration, 5),
            DomesticInMigration = SeedFile.Schedule(layout, flows.DomesticIn, 5),
            Immigration = SeedFile.Schedule(layout, flows.Immigration, 5),
            SexRatioAtBirth = Math.Round(sexRatio, 4),
        },
        PopulationProvenance = new Provenance(
            Provenance.Observed,
            "SCB BE0101N1, population by region, sex and single year of age, 31 December 2019 (shared/data/scb-kommun)",
            null,
            BaseYear.ToString(CultureInfo.InvariantCulture)),
        RatesProvenance = RatesProvenance(
            ownSeries,
            countyCode,
            $"fertility level {Number(fertilityLevel, "0.000")}",
            $"net migration {Number(net, "0")} a year, the average of"),
    };

    /// <summary>
    /// Where a municipality's rates come from, or, with its municipalities' range of fertility levels
    /// and their net migration summed, the county's: one text, so the two cannot drift apart.
    /// </summary>
    private static Provenance RatesProvenance(bool ownSeries, string countyCode, string fertilityLevel, string netMigration) => new(
        Provenance.Modeled,
        ownSeries
            ? $"SCB BE0101N1/BE0101E2/BE0101D9 series of county {countyCode} 2011–2015; SCB population by age 2019 and totals 2004"
            : "SCB BE0101N1/BE0101E2/BE0101D9 series of Sweden 2011–2015 (no series of this county offline); SCB population by age 2019 and totals 2004",
        (ownSeries ? "the county's own fertility and mortality by age" : "Sweden's mortality by age (no county deaths offline) and Sweden's fertility by age × the county's child–woman ratio relative to Sweden's")
            + $", at the national levels of {BaseYear}; {fertilityLevel} of {(ownSeries ? "the county" : "Sweden")} from the 2019 child–woman ratio, shrunk; fertility returns within five years to the national mean of {BaseYear - 19}–{BaseYear} (observed TFRs to 2015, the modeled path after) at these relative levels (docs/method.md); mortality the county's (no municipal deaths offline); {netMigration} {EarlierTotalYear}–{BaseYear} (published totals less modeled natural increase), gross flows by the Rogers–Castro standard shape (docs/method.md §9.1)",
        "2011–2015");

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static ObservedSeries ObservedTotals(string code, SortedDictionary<int, double[]> earlier, double baseTotal)
    {
        var years = earlier.Select(kv => (Year: kv.Key, Total: kv.Value.Sum())).Append((Year: BaseYear, Total: baseTotal)).ToList();
        return new ObservedSeries
        {
            Region = code,
            Measure = "populationTotal",
            Periods = years.Select(y => y.Year.ToString(CultureInfo.InvariantCulture)).ToList(),
            Values = years.Select(y => y.Total).ToList(),
            Provenance = new Provenance(Provenance.Observed, "SCB, population on 31 December (folkmängd) 2001–2004 (BE0101A1) and 2019 (BE0101N1), on the boundaries of 2019", null, $"2001–2004, {BaseYear}"),
        };
    }
}
