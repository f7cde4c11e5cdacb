using Projection.Core;
using Projection.Files;
using Projection.Tests;

namespace Projection.Estimation.Tests;

public class UncertaintyEstimatorTests
{
    [Test]
    public void An_AR1_series_gives_back_its_persistence_and_innovation()
    {
        var random = new TrajectoryRandom(1, 0);
        var series = new SortedDictionary<int, double>();
        var x = 0.0;
        for (var year = 0; year < 20_000; year++)
        {
            x = (0.8 * x) + (0.05 * random.NextNormal());
            series[year] = x;
        }

        var fitted = UncertaintyEstimator.Autoregressive([series]);

        // Standard errors with n = 20,000: √((1 − φ²)/n) = 0.004 for φ, σ/√(2n) = 0.00025 for σ.
        Assert.That(fitted.Persistence, Is.EqualTo(0.8).Within(0.015));
        Assert.That(fitted.InnovationSd, Is.EqualTo(0.05).Within(0.001));
    }

    [Test]
    public void A_random_walk_step_is_the_spread_of_the_yearly_changes_around_their_drift()
    {
        // Changes −0.01, −0.03, −0.02: drift −0.02, deviations 0.01, −0.01, 0 → variance 0.0002/2.
        var series = new SortedDictionary<int, double> { [2000] = 0, [2001] = -0.01, [2002] = -0.04, [2003] = -0.06 };

        var walk = UncertaintyEstimator.RandomWalk(series);

        Assert.That(walk.Persistence, Is.EqualTo(1));
        Assert.That(walk.InnovationSd, Is.EqualTo(0.01).Within(1e-12));
    }

    [Test]
    public void Swedens_2015_series_match_SCBs_published_fertility_and_migration()
    {
        var sweden = CountySeries.Region("00");
        var series = UncertaintyEstimator.Series(sweden, 2015, 2015, [], sweden.Population[2015]);

        // SCB: TFR 2015 1.85; net migration 2015 78,410 (134,240 immigrants − 55,830 emigrants) on a mean
        // population of 9.80 million = 0.0080. The balancing equation also carries SCB's register corrections.
        Assert.That(Math.Exp(series.LogFertility[2015]), Is.EqualTo(1.85).Within(0.02));
        Assert.That(series.NetMigrationRate[2015], Is.EqualTo(78_410 / 9.799e6).Within(3).Percent);
    }

    [Test]
    public void The_shipped_uncertainty_model_is_what_the_county_series_give()
    {
        var directory = Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/" + CountySeriesCsv.PopulationFile))!;
        var counties = CountySeriesCsv.ReadDirectory(directory, PopulationLayout.Default);
        var shipped = UncertaintyFile.Read(RepositoryFiles.PathOf("models/uncertainty.json"));
        var breaks = CountySeries.Breaks(shipped);

        var model = UncertaintyEstimator.Estimate(counties, "00", shipped.FirstYear, shipped.LastYear, breaks, UncertaintyFile.CountySeriesData);
        var regenerated = UncertaintyFile.FromModel(model, UncertaintyFile.Description, UncertaintyFile.CountySeriesData, shipped.FirstYear, shipped.LastYear, counties.Keys.Order(StringComparer.Ordinal), shipped.Breaks, shipped.NationalMigrationScale, shipped.RegionalMigrationScale);
        regenerated.Coverage = shipped.Coverage; // the calibration's record, checked against a fresh calibration in IntervalCalibrationTests
        var municipalities = ScbExtractCsv.ReadMunicipalTotals(SharedData.PathOrIgnore("scb/vastmanland_municipal_population_total.csv"), "19");
        var local = UncertaintyEstimator.EstimateLocal(municipalities, shipped.FirstYear, shipped.LastYear);
        regenerated.MigrationLocal = UncertaintyFile.Local(local.Process, local.ReferencePopulation, local.SizeExponent, $"SCB municipal totals of county 19's {local.Municipalities} municipalities (vastmanland_municipal_population_total.csv), {shipped.FirstYear}–{shipped.LastYear}", shipped.MigrationLocal!.Scale);
        regenerated.MigrationLocal.County = "19";
        regenerated.MigrationLocal.OtherCounties = UncertaintyFile.OtherCounties(SharedData.PathOrIgnore("scb-kommun/population_31dec2001_2004_total_by_sex.csv"), regenerated.MigrationLocal, "19");

        Assert.That(UncertaintyFile.Serialize(regenerated), Is.EqualTo(File.ReadAllText(RepositoryFiles.PathOf("models/uncertainty.json"))), "models/uncertainty.json is stale: run projection uncertainty --data shared/data/scb-county --municipal-totals shared/data/scb/vastmanland_municipal_population_total.csv --other-municipal-totals shared/data/scb-kommun/population_31dec2001_2004_total_by_sex.csv");
        Assert.That(shipped.Mortality.National.Persistence, Is.EqualTo(1), "national mortality is a random walk");
        Assert.That(shipped.Fertility.National.Persistence, Is.InRange(0.5, 1.0));
        Assert.That((shipped.NationalMigrationScale, shipped.RegionalMigrationScale, shipped.MigrationLocal.Scale), Is.EqualTo((UncertaintyFile.DefaultNationalMigrationScale, UncertaintyFile.DefaultRegionalMigrationScale, UncertaintyFile.DefaultLocalMigrationScale)));
    }

    [Test]
    public void A_file_with_the_old_single_scale_a_scale_out_of_range_an_impossible_coverage_or_municipalities_of_no_county_is_refused_naming_the_field()
    {
        var shipped = File.ReadAllText(RepositoryFiles.PathOf("models/uncertainty.json"));
        var directory = Directory.CreateTempSubdirectory("projection-uncertainty-").FullName;
        try
        {
            // Before the scales were split, one "migrationScale" multiplied both; read now, it would mean something else.
            var old = Path.Combine(directory, "old.json");
            File.WriteAllText(old, shipped.Replace("\"nationalMigrationScale\": 1,", "\"migrationScale\": 1.4,", StringComparison.Ordinal));
            var oldError = Assert.Throws<InvalidDataFileException>(() => UncertaintyFile.Read(old));
            Assert.That(oldError!.Message, Does.Contain("migrationScale"));

            var zero = Path.Combine(directory, "zero.json");
            var zeroed = System.Text.RegularExpressions.Regex.Replace(shipped, "\"regionalMigrationScale\": [0-9.]+", "\"regionalMigrationScale\": 0");
            Assert.That(zeroed, Is.Not.EqualTo(shipped), "the shipped file names its regional scale");
            File.WriteAllText(zero, zeroed);
            var zeroError = Assert.Throws<InvalidDataFileException>(() => UncertaintyFile.Read(zero));
            Assert.That(zeroError!.Message, Does.Contain("regionalMigrationScale"));

            // A coverage above 100 % or more misses than cases is no record of anything.
            var over = Path.Combine(directory, "over.json");
            var overstated = System.Text.RegularExpressions.Regex.Replace(shipped, "\"in80Percent\": [0-9.]+", "\"in80Percent\": 120", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            Assert.That(overstated, Is.Not.EqualTo(shipped), "the shipped file records its coverage");
            File.WriteAllText(over, overstated);
            var overError = Assert.Throws<InvalidDataFileException>(() => UncertaintyFile.Read(over));
            Assert.That(overError!.Message, Does.Contain("coverage.entries[0]").And.Contain("in80Percent"));

            // Municipal entries without the county whose municipalities they are could not say where they were measured.
            var nameless = Path.Combine(directory, "nameless.json");
            var unnamed = shipped.Replace("\"municipalCounty\": \"19\",", "", StringComparison.Ordinal);
            Assert.That(unnamed, Is.Not.EqualTo(shipped), "the shipped file names the county of its municipalities");
            File.WriteAllText(nameless, unnamed);
            var namelessError = Assert.Throws<InvalidDataFileException>(() => UncertaintyFile.Read(nameless));
            Assert.That(namelessError!.Message, Does.Contain("coverage.municipalCounty"));

            // The other counties' σ without the county of the long series could not say where the long series' σ holds.
            var countyless = Path.Combine(directory, "countyless.json");
            var withoutCounty = shipped.Replace("\"county\": \"19\",", "", StringComparison.Ordinal);
            Assert.That(withoutCounty, Is.Not.EqualTo(shipped), "the shipped file names the county of its local long series");
            File.WriteAllText(countyless, withoutCounty);
            var countylessError = Assert.Throws<InvalidDataFileException>(() => UncertaintyFile.Read(countyless));
            Assert.That(countylessError!.Message, Does.Contain("migrationLocal.otherCounties").And.Contain("migrationLocal.county"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
