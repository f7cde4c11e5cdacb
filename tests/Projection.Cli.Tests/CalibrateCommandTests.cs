using System.Globalization;
using System.Text.RegularExpressions;
using Projection.Tests;

namespace Projection.Cli.Tests;

public class CalibrateCommandTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("projection-calibrate-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void By_age_group_each_row_counts_its_misses_below_and_above_the_interval()
    {
        // Twelve counties from 2000, five years on (before Heby's move in 2006, so none is left out).
        var data = Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/population_31dec_by_age_sex.csv"))!;
        var outcome = InProcessCli.Run("calibrate", "--data", data, "--bases", "2000-2000", "--horizons", "5", "--trajectories", "200", "--age-groups", "0,80+");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        foreach (var group in new[] { "0", "80+" })
        {
            var row = Regex.Match(outcome.Out, $@"^\| {Regex.Escape(group)} \| (\d+) \| 5 \| ([\d.]+) % \| [\d.]+ % \| [\d.]+ % \| (\d+) / (\d+) \|$", RegexOptions.Multiline);
            Assert.That(row.Success, Is.True, $"a row for {group}:\n{outcome.Out}");
            var cases = int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture);
            var inside = double.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture);
            var misses = int.Parse(row.Groups[3].Value, CultureInfo.InvariantCulture) + int.Parse(row.Groups[4].Value, CultureInfo.InvariantCulture);
            Assert.That(cases, Is.EqualTo(12));
            Assert.That(misses, Is.EqualTo(cases * (1 - (inside / 100))).Within(0.01), $"{group}: every case outside the 80 % interval is below or above it");
        }
    }

    [Test]
    public void Out_records_each_countys_coverage_in_the_model_file_and_uncertainty_keeps_it_while_the_scales_stay()
    {
        var data = Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/population_31dec_by_age_sex.csv"))!;
        var model = Path.Combine(_directory, "uncertainty.json");
        File.Copy(RepositoryFiles.PathOf("models/uncertainty.json"), model);

        var outcome = InProcessCli.Run("calibrate", "--data", data, "--bases", "2000-2000", "--horizons", "5", "--trajectories", "200", "--age-groups", "0,80+", "--out", model);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        var coverage = Projection.Files.UncertaintyFile.Read(model).Coverage!;
        Assert.That(coverage.Entries.Select(e => e.Indicator), Is.EqualTo(new[] { "total", "0", "80+" }));
        Assert.That((coverage.Bases, coverage.Trajectories, coverage.Seed), Is.EqualTo(("2000–2000", 200, 1UL)));
        foreach (var entry in coverage.Entries)
        {
            // The table printed and the file recorded say the same: the row's share inside, and twelve counties.
            var row = Regex.Match(outcome.Out, $@"^\| {Regex.Escape(entry.Indicator == "total" ? "national + regional, each county" : entry.Indicator)} \| 12 \| 5 \| ([\d.]+) % \|", RegexOptions.Multiline);
            Assert.That(row.Success, Is.True, $"a row for {entry.Indicator}:\n{outcome.Out}");
            Assert.That(entry.In80Percent, Is.EqualTo(double.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture)), entry.Indicator);
            Assert.That(entry.Cases, Is.EqualTo(12));
            Assert.That(entry.Below80 + entry.Above80, Is.EqualTo(entry.Cases * (1 - (entry.In80Percent / 100))).Within(0.01), entry.Indicator);
        }

        Assert.That(coverage.MunicipalCounty, Is.Null, "no municipality was checked");

        // With municipalities, the record names their county, so that a reader is told whose they were.
        var totals = SharedData.PathOrIgnore("scb/vastmanland_municipal_population_total.csv");
        var municipal = InProcessCli.Run("calibrate", "--data", data, "--bases", "2000-2000", "--horizons", "5", "--trajectories", "200", "--age-groups", "0,80+", "--municipal-totals", totals, "--municipal-bases", "2000-2000", "--out", model);
        Assert.That(municipal.ExitCode, Is.Zero, municipal.Error);
        var withMunicipalities = Projection.Files.UncertaintyFile.Read(model).Coverage!;
        Assert.That(withMunicipalities.MunicipalCounty, Is.EqualTo("19"));
        Assert.That(withMunicipalities.Entries.Single(e => e.MeasuredOn == "municipalities").Cases, Is.EqualTo(10), "Västmanland's ten municipalities from one base");

        // Re-estimating the parameters with the same scales keeps the record; other scales drop it, saying so.
        var again = InProcessCli.Run("uncertainty", "--data", data, "--municipal-totals", totals, "--out", model);
        Assert.That(again.ExitCode, Is.Zero, again.Error);
        Assert.That(Projection.Files.UncertaintyFile.Read(model).Coverage!.Entries, Has.Count.EqualTo(4));
        Assert.That(Projection.Files.UncertaintyFile.Read(model).Coverage!.MunicipalCounty, Is.EqualTo("19"));
        // Without the totals a municipality's own deviation is dropped, saying so, and with it the record.
        var withoutLocal = InProcessCli.Run("uncertainty", "--data", data, "--out", model);
        Assert.That(withoutLocal.ExitCode, Is.Zero, withoutLocal.Error);
        Assert.That(Projection.Files.UncertaintyFile.Read(model).MigrationLocal, Is.Null);
        Assert.That(Projection.Files.UncertaintyFile.Read(model).Coverage, Is.Null);
        Assert.That(withoutLocal.Error + withoutLocal.Out, Does.Contain("--municipal-totals").And.Contain("dropped"));
        Assert.That(InProcessCli.Run("calibrate", "--data", data, "--bases", "2000-2000", "--horizons", "5", "--trajectories", "200", "--out", model).ExitCode, Is.Zero);
        var rescaled = InProcessCli.Run("uncertainty", "--data", data, "--out", model, "--regional-migration-scale", "2.5");
        Assert.That(rescaled.ExitCode, Is.Zero, rescaled.Error);
        Assert.That(rescaled.Error + rescaled.Out, Does.Contain("dropped"));
        Assert.That(Projection.Files.UncertaintyFile.Read(model).Coverage, Is.Null);
    }

    [Test]
    public void Out_with_other_scales_than_the_files_is_refused_and_the_file_is_left_as_it_was()
    {
        var data = Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/population_31dec_by_age_sex.csv"))!;
        var model = Path.Combine(_directory, "uncertainty.json");
        File.Copy(RepositoryFiles.PathOf("models/uncertainty.json"), model);
        var before = File.ReadAllText(model);

        var outcome = InProcessCli.Run("calibrate", "--data", data, "--bases", "2000-2000", "--horizons", "5", "--trajectories", "100", "--regional-scale", "3", "--out", model);

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("--out").And.Contain("1.8"));
        Assert.That(File.ReadAllText(model), Is.EqualTo(before));

        // Nor another local scale: the municipalities' record would be of another model than the file's.
        var totals = SharedData.PathOrIgnore("scb/vastmanland_municipal_population_total.csv");
        var local = InProcessCli.Run("calibrate", "--data", data, "--bases", "2000-2000", "--municipal-bases", "2000-2000", "--horizons", "5", "--trajectories", "100", "--municipal-totals", totals, "--local-scale", "1.6", "--out", model);
        Assert.That(local.ExitCode, Is.EqualTo(2));
        Assert.That(local.Error, Does.Contain("--out").And.Contain("--local-scale"));
        Assert.That(File.ReadAllText(model), Is.EqualTo(before));
    }

    [Test]
    public void Municipal_totals_check_each_municipality_with_and_without_its_own_deviation()
    {
        var data = Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/population_31dec_by_age_sex.csv"))!;
        var totals = SharedData.PathOrIgnore("scb/vastmanland_municipal_population_total.csv");
        var outcome = InProcessCli.Run("calibrate", "--data", data, "--bases", "2000-2000", "--municipal-bases", "2000-2001", "--horizons", "5", "--trajectories", "200", "--municipal-totals", totals);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        Assert.That(outcome.Out, Does.Contain("The municipalities of county 19, known by their totals (10)"));
        foreach (var model in new[] { "with each municipality's own deviation", "as if each were a county" })
        {
            // Ten municipalities from two bases.
            Assert.That(outcome.Out, Does.Match($@"\| {model} \| 20 \| 5 \| [\d.]+ % \|"), model);
        }
    }

    [Test]
    public void Uncertainty_estimates_the_other_counties_municipalities_from_every_municipalitys_totals_and_needs_the_long_series_for_it()
    {
        var data = Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/population_31dec_by_age_sex.csv"))!;
        var totals = SharedData.PathOrIgnore("scb/vastmanland_municipal_population_total.csv");
        var everyMunicipality = SharedData.PathOrIgnore("scb-kommun/population_31dec2001_2004_total_by_sex.csv");
        var model = Path.Combine(_directory, "uncertainty.json");

        var alone = InProcessCli.Run("uncertainty", "--data", data, "--other-municipal-totals", everyMunicipality, "--out", model);
        Assert.That(alone.ExitCode, Is.Not.Zero);
        Assert.That(alone.Error + alone.Out, Does.Contain("--other-municipal-totals").And.Contain("--municipal-totals"));
        Assert.That(File.Exists(model), Is.False, "nothing written");

        var outcome = InProcessCli.Run("uncertainty", "--data", data, "--municipal-totals", totals, "--other-municipal-totals", everyMunicipality, "--out", model);
        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        var local = Projection.Files.UncertaintyFile.Read(model).MigrationLocal!;
        Assert.That(local.County, Is.EqualTo("19"));
        // 290 municipalities less Västmanland's eleven on 2004's boundaries (Heby was still in it), Uppsala and
        // Knivsta (split in 2003) and Gotland (alone in its county).
        Assert.That(local.OtherCounties!.Municipalities, Is.EqualTo(276));
        Assert.That(local.OtherCounties.InnovationSd, Is.GreaterThan(0).And.LessThan(local.InnovationSd), "other counties' municipalities stray less than Västmanland's");
    }

    [Test]
    public void A_bad_age_group_is_refused_naming_the_option()
    {
        var data = Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/population_31dec_by_age_sex.csv"))!;
        var outcome = InProcessCli.Run("calibrate", "--data", data, "--bases", "2000-2000", "--age-groups", "5-x");

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("--age-groups").And.Contain("'5-x'"));
    }
}
