using Projection.Core;
using Projection.Estimation;
using Projection.Files;
using Projection.Store;
using Projection.Tests;

namespace Projection.Application.Tests;

public class SeedTests
{
    private static readonly Lazy<(SeedDocument Document, MunicipalBaseModel.Result Model)> Built = new(() =>
        SeedBuilder.Build(SharedData.Directory!));

    private static (SeedDocument Document, MunicipalBaseModel.Result Model) Build()
    {
        SharedData.PathOrIgnore("scb/" + ScbExtractCsv.MunicipalTotalsFile);
        return Built.Value;
    }

    [Test]
    public void The_committed_seed_is_what_the_generator_makes_from_the_shared_data()
    {
        var (document, _) = Build();
        var regenerated = Path.Combine(Path.GetTempPath(), $"seed-{Guid.NewGuid():N}.json");
        try
        {
            SeedFile.Write(document, regenerated);
            Assert.That(File.ReadAllText(regenerated), Is.EqualTo(File.ReadAllText(RepositoryFiles.PathOf("seeds/vastmanland.json"))),
                "seeds/vastmanland.json is stale: run the command in its generatedBy field");
        }
        finally
        {
            File.Delete(regenerated);
        }
    }

    [Test]
    public void A_county_without_its_own_provenance_is_said_to_be_the_sum_not_its_first_municipality()
    {
        // A seed written before county.ratesProvenance (or by hand): the county must not take its
        // first municipality's levels and migration for its own.
        SeedRegion Municipality(string code, string method) => new()
        {
            Code = code,
            Name = code,
            RatesProvenance = new Provenance(Provenance.Modeled, "SCB", method, "2011–2015"),
            PopulationProvenance = new Provenance(Provenance.Observed, "SCB BE0101N1", null, "2019"),
        };
        var seed = new SeedDocument { County = new SeedCounty { Code = "99", Name = "Test län" }, Regions = [Municipality("9901", "net migration 12 a year"), Municipality("9902", "net migration 30 a year")] };

        var county = SeedFile.ProvenanceOf(seed, "99");
        Assert.That(county.Select(p => p.Method ?? ""), Has.None.Contains("net migration"));
        Assert.That(county.Single(p => p.Status == Provenance.Modeled).Method, Does.StartWith("The sum of its 2 municipalities' projections"));
        Assert.That(county.Single(p => p.Status == Provenance.Observed), Is.EqualTo(seed.Regions[0].PopulationProvenance), "the same observed base population for both: said once");

        // Base populations of different origins (one observed, one modeled): said as the sum, modeled.
        seed.Regions[1].PopulationProvenance = new Provenance(Provenance.Modeled, "a model", "carried forward", "2019");
        var mixed = SeedFile.ProvenanceOf(seed, "99")[0];
        Assert.That((mixed.Status, mixed.Source), Is.EqualTo((Provenance.Modeled, "SCB BE0101N1; a model")));
        Assert.That(mixed.Method, Does.StartWith("The sum of its 2 municipalities' projections"));

        seed.Regions.RemoveAt(1);
        Assert.That(SeedFile.ProvenanceOf(seed, "99").Select(p => p.Method), Has.Some.EqualTo("net migration 12 a year"), "a county of one municipality is that municipality");
    }

    [Test]
    public void Every_municipality_starts_from_its_published_2024_total_and_together_they_are_the_modeled_county()
    {
        var (document, model) = Build();
        var published = ScbExtractCsv.ReadTotals(SharedData.PathOrIgnore("scb/" + ScbExtractCsv.MunicipalTotalsFile));
        var layout = PopulationLayout.Default;
        var sum = new double[layout.CellCount];
        foreach (var m in model.Municipalities)
        {
            Assert.That(PopulationIndicators.Total(m.BasePopulation), Is.EqualTo(published[m.Code].Totals[2024]).Within(1e-6), m.Name);
            for (var c = 0; c < sum.Length; c++)
            {
                sum[c] += m.BasePopulation[c];
            }
        }

        for (var c = 0; c < sum.Length; c++)
        {
            Assert.That(sum[c], Is.EqualTo(model.CountyBasePopulation[c]).Within(1e-6 * Math.Max(1, sum[c])), $"cell {c}");
        }

        Assert.That(document.Regions.Select(r => r.PopulationProvenance.Status), Is.All.EqualTo(Provenance.Modeled));
        Assert.That(document.Observed.Where(s => s.Measure == "populationTotal").Select(s => s.Provenance.Status), Is.All.EqualTo(Provenance.Observed));
    }

    [Test]
    public void Each_municipality_in_2024_is_its_real_2019_cohorts_five_years_on()
    {
        var (_, model) = Build();
        var layout = PopulationLayout.Default;
        var real2019 = CountySeriesCsv.ReadPopulation(SharedData.PathOrIgnore("scb-kommun/" + SeedBuilder.MunicipalAgesFile), layout);
        foreach (var m in model.Municipalities)
        {
            var before = real2019[m.Code].Population[SeedBuilder.ObservedAgesYear];
            for (var s = 0; s < 2; s++)
            {
                // A cohort under 70 of at least 50 people five years on: little mortality and five years of net migration, no more.
                for (var age = 0; age < 70; age++)
                {
                    var then = before[layout.Index((Sex)s, age)];
                    var now = m.BasePopulation[layout.Index((Sex)s, age + 5)];
                    if (then >= 50)
                    {
                        Assert.That(now / then, Is.InRange(0.75, 1.3), $"{m.Name}, {(Sex)s} aged {age} in 2019");
                    }
                }
            }

            // Nobody is 80 or older in 2024 who was not 75 or older in 2019, but for the few who moved in.
            var oldThen = PopulationIndicators.SumOfAges(before, layout, 75, layout.OldestAge);
            var oldNow = PopulationIndicators.SumOfAges(m.BasePopulation, layout, 80, layout.OldestAge);
            Assert.That(oldNow, Is.LessThan(oldThen * 1.02), m.Name);
        }
    }

    [Test]
    public void The_modeled_base_keeps_plausible_levels()
    {
        var (_, model) = Build();

        // SCB published a TFR of 1.43 for Sweden in 2024; the county's modeled level should be near it.
        Assert.That(model.CountyTotalFertilityAtBase, Is.InRange(1.3, 1.7));

        // Fertility returns to Sweden's mean of 2005–2024, modeled from the series to 2015 and the path to
        // 2024; SCB's published TFRs of those years average 1.78 (2005 1.77 … 2010 1.98 … 2024 1.43).
        double[] published = [1.77, 1.85, 1.88, 1.91, 1.94, 1.98, 1.90, 1.91, 1.89, 1.88, 1.85, 1.85, 1.78, 1.76, 1.70, 1.66, 1.67, 1.52, 1.45, 1.43];
        Assert.That(model.FertilityLongRunLevel * model.NationalRates.TotalFertility, Is.EqualTo(published.Average()).Within(0.03));
        Assert.That(model.Municipalities.Select(m => m.FertilityLevel), Is.All.InRange(0.7, 1.4));
        Assert.That(model.Municipalities.Select(m => m.MortalityLevel), Is.All.InRange(0.7, 1.4));
    }

    [Test]
    public void Net_migration_is_the_twelve_years_the_backtests_chose_inferred_from_published_totals_before_the_real_ages()
    {
        var (_, model) = Build();
        // SCB's files read here by hand: region,region_name,year,sex,age,value,source_id and region,year,sex,age,value.
        static double Sum(string file, int valueColumn, Func<string[], bool> row) => File.ReadLines(SharedData.PathOrIgnore(file)).Skip(1).Select(l => l.Split(',')).Where(row).Sum(c => double.Parse(c[valueColumn], System.Globalization.CultureInfo.InvariantCulture));
        double Total(string code, int year) => Sum("scb/vastmanland_municipal_population_total.csv", 5, c => c[0] == code && c[2] == year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        double County(string file, int year) => Sum("scb-county/" + file, 4, c => c[0] == "19" && c[1] == year.ToString(System.Globalization.CultureInfo.InvariantCulture));

        foreach (var municipality in model.Municipalities)
        {
            Assert.That(municipality.InferredNetMigration.Keys, Is.EqualTo(Enumerable.Range(2013, 12)), municipality.Code);

            // Before the carrying from 2019's real ages, by hand from SCB's files: the published change less the county's natural increase per inhabitant.
            foreach (var year in new[] { 2013, 2014, 2015 })
            {
                var naturalIncrease = (County("births_by_mother_age_child_sex.csv", year) - County("deaths_by_age_sex.csv", year)) / County("population_31dec_by_age_sex.csv", year - 1);
                var expected = Total(municipality.Code, year) - Total(municipality.Code, year - 1) - (naturalIncrease * Total(municipality.Code, year - 1));
                Assert.That(municipality.InferredNetMigration[year], Is.EqualTo(expected).Within(1e-6), $"{municipality.Code} {year}");
            }
        }

        // The county's twelve years sum its municipalities': 2016 and 2017 (the refugees' arrival) above 3,000, 2023 under 100.
        var county = Enumerable.Range(2013, 12).ToDictionary(y => y, y => model.Municipalities.Sum(m => m.InferredNetMigration[y]));
        Assert.That(county[2016], Is.GreaterThan(3000));
        Assert.That(county[2023], Is.LessThan(100));
        Assert.That(model.Municipalities.Sum(m => m.NetMigrationPerYear), Is.EqualTo(county.Values.Average()).Within(1e-6));
    }

    [Test]
    public void A_seed_region_becomes_valid_engine_input_and_an_unknown_one_is_refused()
    {
        var document = SeedFile.Read(RepositoryFiles.PathOf("seeds/vastmanland.json"));

        var county = SeedFile.ToProjectionInput(document, "19");
        var skinnskatteberg = SeedFile.ToProjectionInput(document, "1904");

        Assert.That(county.Regions, Has.Count.EqualTo(10));
        Assert.That(skinnskatteberg.Regions.Single().Name, Is.EqualTo("Skinnskatteberg"));
        var error = Assert.Throws<InvalidInputException>(() => SeedFile.ToProjectionInput(document, "0180"));
        Assert.That(error!.Errors["region"][0], Does.Contain("unknown region '0180'"));
    }

    [Test]
    public void A_file_that_is_not_a_seed_is_refused_naming_it()
    {
        using var stream = new MemoryStream("""{ "format": "something-else" }"""u8.ToArray());
        var error = Assert.Throws<InvalidDataFileException>(() => SeedFile.Read(stream, "other.json"));
        Assert.That(error!.Message, Does.Contain("other.json").And.Contain("projection-seed/1"));

        using var broken = new MemoryStream("""{ "format": "projection-seed/1", "regions": [ """u8.ToArray());
        Assert.That(() => SeedFile.Read(broken, "broken.json"), Throws.TypeOf<InvalidDataFileException>().With.Message.Contains("broken.json"));
    }
}

public class StoreSeedingTests
{
    [Test]
    public void An_empty_store_is_seeded_once_with_the_published_totals_and_a_fetched_one_is_left_alone()
    {
        using var temporary = new TemporaryStore();
        var path = temporary.Path;
        var seed = SeedFile.Read(RepositoryFiles.PathOf("seeds/vastmanland.json"));
        var store = new SourceStore(path);

        var first = StoreSeeding.SeedIfEmpty(store, seed, TimeProvider.System);
        var second = StoreSeeding.SeedIfEmpty(store, seed, TimeProvider.System);

        Assert.That(first, Is.EqualTo(SaveOutcome.Added));
        Assert.That(second, Is.Null);
        var stored = store.List().Single();
        Assert.That((stored.Name, stored.Origin), Is.EqualTo(("populationTotal", "seeded")));
        var totals = StoreSeeding.Totals(stored);
        Assert.That(totals["1980"][2024], Is.EqualTo(160634));
        Assert.That(totals["1904"][1950], Is.EqualTo(5630));
    }
}
