using System.Text.Json;
using Projection.Tests;

namespace Projection.Cli.Tests;

public class BacktestCommandTests
{
    [Test]
    public void A_backtest_prints_its_tables_and_writes_every_case_as_JSON()
    {
        var data = Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/population_31dec_by_age_sex.csv"))!;
        var json = Path.Combine(Path.GetTempPath(), $"backtest-{Guid.NewGuid():N}.json");
        try
        {
            var outcome = InProcessCli.Run("backtest", "--data", data, "--regions", "19,00", "--bases", "1995,2005", "--horizons", "5", "--json", json);

            Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
            Assert.That(outcome.Out, Does.Contain("### Horizon 5 years (3 cases)"));
            Assert.That(outcome.Out, Does.Contain("19 2005+5 (boundary change)"));
            using var document = JsonDocument.Parse(File.ReadAllText(json));
            var cases = document.RootElement.GetProperty("cases").EnumerateArray().ToList();
            Assert.That(cases, Has.Count.EqualTo(3));
            Assert.That(cases[0].GetProperty("forecasts").EnumerateArray().Select(f => f.GetProperty("method").GetString()), Does.Contain("cohort-component"));
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Test]
    public void Base_years_may_be_given_as_ranges_as_calibrate_takes_them()
    {
        var data = Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/population_31dec_by_age_sex.csv"))!;

        var listed = InProcessCli.Run("backtest", "--data", data, "--regions", "00", "--bases", "1990,1991,1992,1997", "--horizons", "5");
        var ranged = InProcessCli.Run("backtest", "--data", data, "--regions", "00", "--bases", "1990-1992,1997", "--horizons", "5");
        var backwards = InProcessCli.Run("backtest", "--data", data, "--regions", "00", "--bases", "1997-1990", "--horizons", "5");
        var typo = InProcessCli.Run("backtest", "--data", data, "--regions", "00", "--bases", "1990-19970", "--horizons", "5");

        Assert.That(ranged.ExitCode, Is.Zero, ranged.Error);
        Assert.That(ranged.Out, Does.Contain("### Horizon 5 years (4 cases)"));
        Assert.That(ranged.Out, Is.EqualTo(listed.Out));
        Assert.That(backwards.ExitCode, Is.EqualTo(2));
        Assert.That(backwards.Error, Does.Contain("--bases").And.Contain("'1997-1990' is not FIRST-LAST"));
        Assert.That((typo.ExitCode, typo.Error), Is.EqualTo((2, "projection backtest: --bases: '1990-19970' is not FIRST-LAST (two years, 1 to 3000, the first not after the last).\n")), "a typo is refused, not run for eighteen thousand years");
    }

    [Test]
    public void A_backtest_on_series_in_the_store_matches_one_on_the_files()
    {
        var data = Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/population_31dec_by_age_sex.csv"))!;
        using var temporary = new TemporaryStore();
        var db = temporary.Path;
        Projection.Tests.CountySeriesStore.Write(db, ["19", "00"], 1968);

        var fromFiles = InProcessCli.Run("backtest", "--data", data, "--regions", "19,00", "--bases", "1995,2000", "--horizons", "5,10");
        var fromStore = InProcessCli.Run("backtest", "--db", db, "--regions", "19,00", "--bases", "1995,2000", "--horizons", "5,10");

        Assert.That(fromStore.ExitCode, Is.Zero, fromStore.Error);
        Assert.That(fromStore.Out, Is.EqualTo(fromFiles.Out));
        Assert.That(fromStore.Out, Does.Contain("### Horizon 10 years"));
    }

    [TestCase("--bases", "nineteen", "'nineteen' is not a number of years")]
    [TestCase("--regions", "99", "not in the data: 99")]
    [TestCase("--windows", "1,5", "give three numbers of years")]
    public void Bad_backtest_arguments_are_refused_with_a_message(string option, string value, string message)
    {
        var data = Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/population_31dec_by_age_sex.csv"))!;
        var outcome = InProcessCli.Run("backtest", "--data", data, option, value);

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain(message));
    }
}
