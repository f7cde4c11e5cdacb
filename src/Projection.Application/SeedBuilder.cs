using System.Globalization;
using Projection.Core;
using Projection.Estimation;
using Projection.Files;
using Projection.Store;

namespace Projection.Application;

/// <summary>
/// Generates the embedded default (seeds/vastmanland.json) from SCB extracts kept in a shared
/// data directory (scb/, scb-county/ and scb-kommun/). Observed series go in as published; the
/// municipalities' detail at the base year is their real ages of 2019 carried forward by
/// <see cref="MunicipalBaseModel"/> under their published totals, and marked so. Re-runnable: the
/// same inputs give the same file.
/// </summary>
public static class SeedBuilder
{
    public const string CountyCode = "19";

    public const int BaseYear = 2024;

    public const int RateWindowFirst = 2011;

    public const int RateWindowLast = 2015;

    /// <summary>The year of the municipalities' real population by age (scb-kommun).</summary>
    public const int ObservedAgesYear = 2019;

    /// <summary>The municipal population by sex and single year of age on 31 December 2019 (SCB BE0101N1), in scb-kommun/.</summary>
    public const string MunicipalAgesFile = "population_31dec2019_by_age_sex.csv";

    private const string ModelSource = "SCB BE0101N1 municipal population by sex and single year of age 31 Dec 2019; SCB municipal totals 1950–2024 and components 2019Q1; SCB county series BE0101N1/BE0101E2/BE0101D9 1968–2015; SCB national totals and 2024 components";

    public static (SeedDocument Document, MunicipalBaseModel.Result Model) Build(string sharedDataDirectory)
    {
        var layout = PopulationLayout.Default;
        var scb = Path.Combine(sharedDataDirectory, "scb");
        var series = CountySeriesCsv.ReadDirectory(Path.Combine(sharedDataDirectory, "scb-county"), layout);
        var totals = ScbExtractCsv.ReadTotals(Path.Combine(scb, ScbExtractCsv.MunicipalTotalsFile));
        var ageGroups = ScbExtractCsv.ReadAgeGroups(Path.Combine(scb, ScbExtractCsv.AgeGroupsFile), out var ageGroupsYear);
        var quarter = ScbExtractCsv.ReadQuarter(Path.Combine(scb, ScbExtractCsv.QuarterFile));
        var national = ScbExtractCsv.ReadTotals(Path.Combine(scb, ScbExtractCsv.NationalTotalsFile));
        var nationalChange = ScbExtractCsv.ReadNationalChange(Path.Combine(scb, ScbExtractCsv.NationalChangeFile));
        var municipalAges = CountySeriesCsv.ReadPopulation(Path.Combine(sharedDataDirectory, "scb-kommun", MunicipalAgesFile), layout);

        var municipalities = totals
            .Where(kv => kv.Key.Length == 4 && kv.Key.StartsWith(CountyCode, StringComparison.Ordinal))
            .Select(kv => new MunicipalityFacts(
                kv.Key,
                kv.Value.Name,
                kv.Value.Totals,
                ageGroups.TryGetValue(kv.Key, out var groups) ? groups : throw new InvalidDataFileException($"{ScbExtractCsv.AgeGroupsFile}: no age groups for {kv.Key}."),
                quarter.TryGetValue(kv.Key, out var q) ? q : throw new InvalidDataFileException($"{ScbExtractCsv.QuarterFile}: no components for {kv.Key}.")))
            .ToList();
        var countyName = "Västmanlands län";
        var sources = new MunicipalSources(
            series["00"],
            series[CountyCode],
            countyName,
            municipalities,
            ageGroups[CountyCode],
            national["00"].Totals,
            nationalChange,
            ageGroupsYear,
            BaseYear,
            RateWindowFirst,
            RateWindowLast)
        {
            ObservedAges = municipalities.ToDictionary(
                m => m.Code,
                m => municipalAges.TryGetValue(m.Code, out var ages) && ages.Population.TryGetValue(ObservedAgesYear, out var population)
                    ? population
                    : throw new InvalidDataFileException($"{MunicipalAgesFile}: no population by age for {m.Code} ({m.Name}) in {ObservedAgesYear}.")),
            ObservedAgesYear = ObservedAgesYear,
        };
        var model = MunicipalBaseModel.Build(sources, layout);

        var document = new SeedDocument
        {
            Description = $"Västmanland's ten municipalities on 31 December {BaseYear}: published totals, and detail by sex and single year of age carried forward from SCB's real ages of {ObservedAgesYear} (docs/method.md).",
            GeneratedBy = "dotnet run --project src/Projection.Cli -- seed --shared-data <shared>/data --out seeds/vastmanland.json",
            OldestAge = layout.OldestAge,
            BaseYear = BaseYear,
            County = new SeedCounty { Code = CountyCode, Name = countyName },
        };

        // Mortality improves by age in Sweden's pattern of the last twenty years of the county series (fifteen below 85).
        var sweden = series["00"];
        var trendFirst = sweden.Population.Keys.Last() - Backtest.MortalityTrendYears + 1;
        var trendLast = sweden.Population.Keys.Last();
        if (MortalityImprovementByAge.Fit(sweden, trendFirst, trendLast) is { } pattern)
        {
            document.MortalityImprovementByAge = new SexSchedule
            {
                Men = pattern.AsSpan(layout.SexOffset(Sex.Male), layout.AgeCount).ToArray(),
                Women = pattern.AsSpan(layout.SexOffset(Sex.Female), layout.AgeCount).ToArray(),
            };
            document.MortalityImprovementProvenance = new Provenance(
                Provenance.Modeled,
                "SCB BE0101N1 population and BE0101D9 deaths by age, Sweden (shared/data/scb-county)",
                $"log-linear trend of death rates {trendFirst}–{trendLast} ({trendLast - MortalityImprovementByAge.RecentTrendYears + 1}–{trendLast} below age {MortalityImprovementByAge.RecentTrendBelowAge}) in five-year age bands by sex, relative to the trend of the age-standardized rate ({MortalityTrend.AnnualImprovement(sweden, trendFirst, trendLast).ToString("P2", CultureInfo.InvariantCulture)} a year): a scenario's annual improvement i is i × this at each age (docs/method.md)",
                $"{trendFirst}–{trendLast}");
        }

        var window = $"{RateWindowFirst}–{RateWindowLast}";
        foreach (var m in model.Municipalities)
        {
            document.Regions.Add(new SeedRegion
            {
                Code = m.Code,
                Name = m.Name,
                Population = SeedFile.Schedule(layout, m.BasePopulation, 7),
                Rates = new SeedRates
                {
                    Mortality = SeedFile.Schedule(layout, m.Rates.Mortality),
                    Fertility = SeedFile.Round(m.Rates.Fertility),
                    LongRunTotalFertility = m.Rates.LongRunTotalFertility is { } longRun ? Math.Round(longRun, 4) : null,
                    DomesticOutMigration = SeedFile.Schedule(layout, m.Rates.DomesticOutMigration),
                    Emigration = SeedFile.Schedule(layout, m.Rates.Emigration),
                    DomesticInMigration = SeedFile.Schedule(layout, m.Rates.DomesticInMigration),
                    Immigration = SeedFile.Schedule(layout, m.Rates.Immigration),
                    SexRatioAtBirth = Math.Round(m.Rates.SexRatioAtBirth, 4),
                },
                PopulationProvenance = new Provenance(
                    Provenance.Modeled,
                    ModelSource,
                    $"Observed: SCB's population by sex and single year of age on 31 December {ObservedAgesYear}, and the published totals of {ObservedAgesYear + 1}–{BaseYear}. Carried forward: each year's cohorts survived and born with the county's rates at national levels × the municipality's own levels, the gap to the published total taken as net migration spread by the Rogers–Castro standard age shape (docs/method.md §9; error of this carry-forward over five years in docs/accuracy.md)",
                    BaseYear.ToString(CultureInfo.InvariantCulture)),
                RatesProvenance = new Provenance(
                    Provenance.Modeled,
                    ModelSource,
                    RatesMethod(model, $"{m.FertilityLevel:0.000}", $"{m.MortalityLevel:0.000}", $"net migration {m.NetMigrationPerYear:0} a year, the mean of"),
                    window),
            });
        }

        // The county is projected as the sum of its municipalities: one municipality's levels and migration would misstate it.
        var municipal = model.Municipalities;
        var countyMethod = RatesMethod(
            model,
            $"{municipal.Min(m => m.FertilityLevel):0.000}–{municipal.Max(m => m.FertilityLevel):0.000}",
            $"{municipal.Min(m => m.MortalityLevel):0.000}–{municipal.Max(m => m.MortalityLevel):0.000}",
            $"net migration {municipal.Sum(m => m.NetMigrationPerYear):0} a year in all, the sum of their means of");
        document.County.RatesProvenance = new Provenance(
            Provenance.Modeled,
            ModelSource,
            $"The sum of its {municipal.Count} municipalities' projections, each with its own rates (each municipality's projection names them): {char.ToLowerInvariant(countyMethod[0])}{countyMethod[1..]}",
            window);

        foreach (var (code, (name, yearly)) in totals)
        {
            document.Observed.Add(new ObservedSeries
            {
                Region = code,
                Measure = "populationTotal",
                Periods = yearly.Keys.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList(),
                Values = [.. yearly.Values],
                Provenance = new Provenance(Provenance.Observed, "SCB, population on 31 December (folkmängd), municipal totals on current boundaries", null, $"{yearly.Keys.First()}–{yearly.Keys.Last()}"),
            });
        }

        foreach (var (code, values) in ageGroups)
        {
            for (var g = 0; g < values.Length; g++)
            {
                document.Observed.Add(new ObservedSeries
                {
                    Region = code,
                    Measure = "populationAgeGroup:" + MunicipalSources.PublishedAgeGroups[g].Name,
                    Periods = [ageGroupsYear.ToString(CultureInfo.InvariantCulture)],
                    Values = [values[g]],
                    Provenance = new Provenance(Provenance.Observed, "SCB, population on 31 December by age (via Regionfakta)", null, ageGroupsYear.ToString(CultureInfo.InvariantCulture)),
                });
            }
        }

        foreach (var (code, q) in quarter)
        {
            foreach (var (measure, value) in new[] { ("births", q.Births), ("deaths", q.Deaths), ("inMigrants", q.InMigrants), ("outMigrants", q.OutMigrants), ("netMigrationOwnCounty", q.NetOwnCounty), ("netMigrationRestOfSweden", q.NetRestOfSweden), ("netMigrationAbroad", q.NetAbroad) })
            {
                document.Observed.Add(new ObservedSeries
                {
                    Region = code,
                    Measure = measure,
                    Periods = ["2019Q1"],
                    Values = [value],
                    Provenance = new Provenance(Provenance.Observed, "SCB, population change by quarter (via Regionfakta)", null, "2019Q1"),
                });
            }
        }

        return (document, model);
    }

    /// <summary>
    /// How a municipality's rates were made, or, with ranges and sums, the county's: one text, so the
    /// two cannot drift apart. Fertility's level is from the child–woman ratio of the real ages,
    /// mortality's from the published quarter (docs/method.md §9, step 3).
    /// </summary>
    private static string RatesMethod(MunicipalBaseModel.Result model, string fertilityLevel, string mortalityLevel, string netMigration) =>
        $"County age schedules {RateWindowFirst}–{RateWindowLast} × national levels of {BaseYear} (fertility {model.FertilityLevelAtBase:0.000}, mortality {model.MortalityLevelAtBase:0.000}) × municipal levels, shrunk toward the county's (fertility {fertilityLevel} from the child–woman ratio of {ObservedAgesYear}, mortality {mortalityLevel} from the deaths of 2019Q1); fertility returns within five years to the national mean of {BaseYear - 19}–{BaseYear} (level {model.FertilityLongRunLevel:0.000}: observed TFRs to {RateWindowLast}, the modeled path after; docs/method.md); {netMigration} {BaseYear - MunicipalBaseModel.MigrationYears + 1}–{BaseYear} (the window the backtests chose) inferred from published totals: the carrying's gaps from {ObservedAgesYear + 1}, before them each year's change less natural increase at the county's rate; gross flows by the Rogers–Castro standard shape";
}
