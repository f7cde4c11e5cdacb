using Microsoft.Data.Sqlite;
using Projection.Scb;
using Projection.Scb.Tests;
using Projection.Store;

namespace Projection.Cli.Tests;

public class FetchAndImportCommandTests
{
    private string _directory = "";

    private string Db => Path.Combine(_directory, "store.db");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("projection-cli-").FullName;

    [TearDown]
    public void DeleteDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Fetch_stores_the_county_from_the_given_source_and_sums_up_on_stderr()
    {
        await using var fake = await FakeScb.StartAsync();
        fake.MaxCells = 20_000;

        var outcome = InProcessCli.Run("fetch", "--region", "19", "--from-year", "2022", "--source", fake.V2.ToString(), "--db", Db);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        Assert.That(outcome.Error, Does.Contain("fetched 5 tables").And.Contain("population added"));
        Assert.That(new SourceStore(Db).List().Select(t => t.Name), Is.EquivalentTo(new[] { "population", "births", "deaths", "migration", ScbSources.DeathsByAgeReached }), "the four sources, and deaths by age reached from 2025 (DodaFodelsearKCKM)");
    }

    [Test]
    public void Fetch_from_a_source_that_does_not_answer_fails_clearly_and_stores_nothing()
    {
        var outcome = InProcessCli.Run("fetch", "--source", "http://127.0.0.1:9/api/v2/", "--max-retries", "1", "--db", Db);

        Assert.That(outcome.ExitCode, Is.EqualTo(3));
        Assert.That(outcome.Error, Does.Contain("Nothing was stored"));
        Assert.That(new SourceStore(Db).List(), Is.Empty);
    }

    [Test]
    public void Import_loads_a_good_file_and_refuses_a_bad_one_naming_it_without_storing_either()
    {
        var table = new ScbTable(
            "TAB638",
            "Folkmängd",
            null,
            [new ScbDimension("Region", "region", ["1980"], new Dictionary<string, string> { ["1980"] = "Västerås" }, true), new ScbDimension("Tid", "år", ["2024"], new Dictionary<string, string>(), false)],
            [160634],
            new Dictionary<int, string>(),
            []);
        var good = Path.Combine(_directory, "population-19.json");
        var bad = Path.Combine(_directory, "births-19.json");
        File.WriteAllText(good, JsonStat2.Write(table));
        File.WriteAllText(bad, JsonStat2.Write(table)[..40]);

        var refused = InProcessCli.Run("import", good, bad, "--db", Db);
        Assert.That(refused.ExitCode, Is.EqualTo(3));
        Assert.That(refused.Error, Does.Contain("births-19.json").And.Contain("Nothing was stored"));
        Assert.That(new SourceStore(Db).List(), Is.Empty);

        var loaded = InProcessCli.Run("import", good, "--db", Db);
        Assert.That(loaded.ExitCode, Is.Zero, loaded.Error);
        var stored = new SourceStore(Db).List().Single();
        Assert.That((stored.Name, stored.Origin, stored.Query), Is.EqualTo(("population", "imported", "population-19.json")));
        Assert.That(stored.Table.Values, Is.EqualTo(new[] { 160634.0 }));
    }

    [Test]
    public void Import_reads_a_CSV_downloaded_from_Statistikdatabasen_and_names_the_line_of_a_bad_one()
    {
        var good = Path.Combine(_directory, "nedladdning.csv");
        var bad = Path.Combine(_directory, "population-bad.csv");
        File.WriteAllText(good, "\"Folkmängden per region och år\"\n\n\"region\",\"Folkmängd 2023\",\"Folkmängd 2024\"\n\"1980 Västerås\",158653,160634\n\"1904 Skinnskatteberg\",4383,4349\n");
        File.WriteAllText(bad, "\"region\",\"2024\"\n\"1980 Västerås\",160634\n\"1904 Skinnskatteberg\",43 49 x\n");

        var refused = InProcessCli.Run("import", good, bad, "--db", Db);
        Assert.That(refused.ExitCode, Is.EqualTo(3));
        Assert.That(refused.Error, Does.Contain("population-bad.csv, line 3, column 2").And.Contain("Nothing was stored"));
        Assert.That(new SourceStore(Db).List(), Is.Empty);

        var loaded = InProcessCli.Run("import", good, "--db", Db);
        Assert.That(loaded.ExitCode, Is.Zero, loaded.Error);
        var stored = new SourceStore(Db).List().Single();
        Assert.That((stored.Name, stored.Origin, stored.Query), Is.EqualTo(("population", "imported", "nedladdning.csv")));
        Assert.That(stored.Table.Values[stored.Table.IndexOf(["1980", "BE0101N1", "2024"])], Is.EqualTo(160634));
        Assert.That(stored.Table.Dimension("Region").Labels["1904"], Is.EqualTo("Skinnskatteberg"));
    }
}
