using Projection.Core;
using Projection.Files;
using Projection.Tests;

namespace Projection.Application.Tests;

/// <summary>
/// The other twenty counties' seeds (seeds/sweden): generated from the shared SCB data, starting
/// from SCB's real ages of 2019, and checked against what SCB published later (2024 totals).
/// </summary>
public class CountrySeedTests
{
    // The home county too, by the same method, so that the method can be checked against its published 2020–2024 totals.
    private static readonly Lazy<IReadOnlyList<CountrySeedBuilder.County>> Built = new(() =>
        CountrySeedBuilder.Build(SharedData.Directory!, includeHome: true));

    /// <summary>Sweden on 31 December 2024, SCB (shared/data/scb/national_population_total.csv).</summary>
    private const double Sweden2024 = 10_587_710;

    /// <summary>Sweden on 31 December 2019, SCB (shared/data/scb-kommun/SOURCES.md).</summary>
    private const double Sweden2019 = 10_327_589;

    private static IReadOnlyList<CountrySeedBuilder.County> Build()
    {
        SharedData.PathOrIgnore("scb-kommun/" + CountrySeedBuilder.TotalsFile);
        return Built.Value;
    }

    [Test]
    public void The_committed_county_seeds_are_what_the_generator_makes_from_the_shared_data()
    {
        var counties = Build().Where(c => c.Seed.County.Code != SeedBuilder.CountyCode).ToList();
        var committed = Directory.EnumerateFiles(RepositoryFiles.PathOf("seeds/sweden"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.That(committed, Is.EqualTo(counties.Select(c => CountrySeedBuilder.FileName(c.Seed.County.Code)).Order(StringComparer.Ordinal)));
        var directory = Directory.CreateTempSubdirectory("country-seeds-");
        try
        {
            foreach (var county in counties)
            {
                var name = CountrySeedBuilder.FileName(county.Seed.County.Code);
                SeedFile.Write(county.Seed, Path.Combine(directory.FullName, name));
                Assert.That(File.ReadAllText(Path.Combine(directory.FullName, name)), Is.EqualTo(File.ReadAllText(RepositoryFiles.PathOf("seeds/sweden/" + name))),
                    $"seeds/sweden/{name} is stale: run the command in its generatedBy field");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void With_the_home_seed_every_municipality_of_Sweden_is_served_once_from_SCBs_real_2019_ages()
    {
        var layout = PopulationLayout.Default;
        var real = CountySeriesCsv.ReadPopulation(SharedData.PathOrIgnore("scb-kommun/" + SeedBuilder.MunicipalAgesFile), layout);
        var seeds = SeedSet.Load(RepositoryFiles.PathOf("seeds/vastmanland.json"));
        var municipalities = seeds.Counties.SelectMany(s => s.Regions).ToList();

        Assert.That(seeds.Counties, Has.Count.EqualTo(21));
        Assert.That(municipalities, Has.Count.EqualTo(290));
        Assert.That(municipalities.Select(m => m.Code).Order(StringComparer.Ordinal), Is.EqualTo(real.Keys.Order(StringComparer.Ordinal)));
        var sweden = 0.0;
        foreach (var seed in seeds.Counties.Where(s => !seeds.IsHome(s)))
        {
            Assert.That(seed.BaseYear, Is.EqualTo(2019));
            foreach (var region in seed.Regions)
            {
                var cells = SeedFile.Cells(layout, region.Population);
                var observed = real[region.Code].Population[2019];
                for (var c = 0; c < cells.Length; c++)
                {
                    Assert.That(cells[c], Is.EqualTo(observed[c]), $"{region.Name}, cell {c}");
                }

                Assert.That(region.Code[..2], Is.EqualTo(seed.County.Code), region.Name);
                Assert.That(region.PopulationProvenance.Status, Is.EqualTo(Provenance.Observed), region.Name);
                sweden += cells.Sum();
            }
        }

        sweden += seeds.Home.Regions.Sum(r => real[r.Code].Population[2019].Sum());
        Assert.That(sweden, Is.EqualTo(Sweden2019), "the 290 municipalities of 2019 sum to SCB's published total for Sweden");
    }

    [Test]
    public void Counties_without_their_own_series_say_that_their_rates_are_Swedens()
    {
        var counties = Build();
        var series = CountySeriesCsv.ReadDirectory(Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/" + CountySeriesCsv.PopulationFile))!, PopulationLayout.Default);
        foreach (var county in counties)
        {
            var own = series.ContainsKey(county.Seed.County.Code);
            Assert.That(county.OwnSeries, Is.EqualTo(own), county.Seed.County.Name);
            Assert.That(county.Seed.Regions.Select(r => r.RatesProvenance.Source), Is.All.Contain(own ? $"county {county.Seed.County.Code}" : "series of Sweden"), county.Seed.County.Name);
        }

        // Nine of SCB's 21 counties have no series offline (06 Jönköping … 25 Norrbotten).
        Assert.That(counties.Count(c => !c.OwnSeries), Is.EqualTo(9));
    }

    /// <summary>
    /// The method, from SCB's real ages of 2019, five years on against what SCB published for 2024
    /// (independent of the method: none of it is read by the generator), next to the naive "no change".
    /// </summary>
    [Test]
    public void From_2019_the_country_lands_nearer_SCBs_published_2024_totals_than_no_change()
    {
        var counties = Build();
        var scenario = ScenarioFile.Read(RepositoryFiles.PathOf("models/scenarios/main.json")).ToScenario() with { Horizon = 5 };
        var published = ScbExtractCsv.ReadTotals(SharedData.PathOrIgnore("scb/" + ScbExtractCsv.MunicipalTotalsFile));
        var sweden = 0.0;
        double methodErrors = 0, noChangeErrors = 0;
        foreach (var county in counties)
        {
            var input = SeedFile.ToProjectionInput(county.Seed, county.Seed.County.Code);
            var result = Projector.Project(input, scenario);
            for (var r = 0; r < input.Regions.Count; r++)
            {
                var projected = PopulationIndicators.Total(result.Population(5, r));
                sweden += projected;
                if (county.Seed.County.Code == SeedBuilder.CountyCode)
                {
                    var (_, totals) = published[input.Regions[r].Code];
                    methodErrors += Math.Abs((projected / totals[2024]) - 1);
                    TestContext.Out.WriteLine($"{input.Regions[r].Name}: {(projected / totals[2024]) - 1:P1}");
                    noChangeErrors += Math.Abs((totals[2019] / totals[2024]) - 1);
                }
            }
        }

        var swedenError = (sweden / Sweden2024) - 1;
        var swedenNoChange = (Sweden2019 / Sweden2024) - 1;
        TestContext.Out.WriteLine($"Sweden 2024: {sweden:0} projected from 2019, published {Sweden2024:0}: {swedenError:P2} (no change {swedenNoChange:P2}).");
        TestContext.Out.WriteLine($"Västmanland's ten municipalities, 2024: mean absolute error {methodErrors / 10:P2} (no change {noChangeErrors / 10:P2}).");

        // Measured: +1.87 % against −2.46 %; 2.09 % against 2.17 %. 2020–2024 had less migration than 2004–2019 and fertility fell further (TFR 1.70 → 1.43) instead of returning to its mean, so the method runs high.
        Assert.That(Math.Abs(swedenError), Is.LessThan(Math.Abs(swedenNoChange)));
        Assert.That(swedenError, Is.InRange(0, 0.025));
        Assert.That(methodErrors, Is.LessThan(noChangeErrors));
    }
}
