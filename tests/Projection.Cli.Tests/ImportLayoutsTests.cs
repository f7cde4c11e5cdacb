using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Projection.Core;

namespace Projection.Cli.Tests;

/// <summary>
/// Files as a planner saves them from Statistikdatabasen, for two municipalities (2580 Luleå,
/// 2581 Piteå) over 2000–2024, in both of PxWeb's layouts: population with codes and marital
/// status to sum over, births with texts, deaths by age reached (BE0101D8) with codes, and the
/// nine contents of the migration table with codes. The numbers are made by the engine itself with
/// known rates, so the balancing identity holds exactly (residual 0) and a backtest from 2021 can
/// be checked against what the rates really were.
/// </summary>
public class ImportLayoutsTests
{
    private const int FirstYear = 2000;
    private const int LastYear = 2024;
    private static readonly string[] Municipalities = ["2580", "2581"];
    private string _directory = "";

    private string Db => Path.Combine(_directory, "store.db");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("projection-import-").FullName;

    [TearDown]
    public void DeleteDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public void Files_in_both_layouts_import_with_full_components_and_project_and_backtest_from_the_store()
    {
        var files = WriteFiles(Made());

        var import = InProcessCli.Run(["import", .. files, "--region", "25", "--db", Db]);

        Assert.That(import.ExitCode, Is.Zero, import.Error);
        Assert.That(import.Error, Does.Contain("summed over Civilstand (civilstånd)"));
        Assert.That(import.Error, Does.Contain("checked BE0101AZ, BE0101A1, BE0101A4 against their parts").And.Contain("left out BE0101AU, BE0101AV, BE0101AZ, BE0101A1, BE0101A4"));

        var run = InProcessCli.Run("run", "--region", "2581", "--db", Db, "--horizon", "5", "--format", "json");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var years = JsonDocument.Parse(run.Out).RootElement.GetProperty("years");
        Assert.That(years[0].GetProperty("year").GetInt32(), Is.EqualTo(LastYear));
        Assert.That(years[1].GetProperty("immigration").GetDouble(), Is.GreaterThan(0), "gross flows, not only a total");

        var json = Path.Combine(_directory, "backtest.json");
        var backtest = InProcessCli.Run("backtest", "--db", Db, "--regions", "2580,2581", "--bases", "2021", "--horizons", "3", "--json", json);
        Assert.That(backtest.ExitCode, Is.Zero, backtest.Error);
        var cases = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.That(cases.Select(c => c.GetProperty("region").GetString()), Is.EquivalentTo(Municipalities));
        foreach (var outcome in cases)
        {
            // The rates were constant, so the cohort-component method, which reads them back, lands close.
            var observed = outcome.GetProperty("observedTotal").GetDouble();
            var cohort = outcome.GetProperty("forecasts").EnumerateArray().First(f => f.GetProperty("method").GetString() == "cohort-component");
            Assert.That(Math.Abs(cohort.GetProperty("total").GetDouble() - observed) / observed, Is.LessThan(0.001), outcome.ToString());
        }
    }

    [Test]
    public void A_migration_file_whose_net_is_not_in_minus_out_is_refused_naming_the_row_and_nothing_is_stored()
    {
        var path = Path.Combine(_directory, "migration-25.csv");
        File.WriteAllText(path, """
            "Region","Alder","Kon","BE0101AU 2024","BE0101AV 2024","BE0101AZ 2024","BE0101A2 2024","BE0101A3 2024"
            "2580","30","1",50,40,10,30,25
            "2580","30","2",52,40,13,31,25
            """);

        var import = InProcessCli.Run("import", path, "--region", "25", "--db", Db);

        Assert.That(import.ExitCode, Is.EqualTo(3), import.Error);
        Assert.That(import.Error, Does.Contain("line 3").And.Contain("BE0101AZ is 13 but BE0101AU − BE0101AV is 12").And.Contain("Nothing was stored"));
        Assert.That(File.Exists(Db), Is.False);
    }

    /// <summary>Every year of every municipality, made by the engine: year-ends, and the year's births by mother's age and components by age reached.</summary>
    private sealed record Year(double[] Population, double[] BirthsByMotherAge, double[] BirthsBySex, double[] Deaths, double[] DomesticIn, double[] DomesticOut, double[] Immigration, double[] Emigration);

    private static Dictionary<string, SortedDictionary<int, Year>> Made()
    {
        var layout = PopulationLayout.Default;
        var made = new Dictionary<string, SortedDictionary<int, Year>>();
        for (var m = 0; m < Municipalities.Length; m++)
        {
            var size = m == 0 ? 1.0 : 0.55;
            var rates = new RegionRates
            {
                Mortality = [.. Enumerable.Range(0, layout.CellCount).Select(c => 0.0002 + (0.00003 * Math.Exp(0.095 * (c % layout.AgeCount))))],
                Fertility = [.. Enumerable.Range(0, layout.AgeCount).Select(a => a is >= 18 and <= 44 ? 0.06 * Math.Exp(-Math.Pow((a - 30) / 6.0, 2)) : 0)],
                DomesticOutMigration = [.. Enumerable.Range(0, layout.CellCount).Select(c => c % layout.AgeCount is >= 18 and <= 30 ? 0.05 : 0.015)],
                Emigration = [.. Enumerable.Repeat(0.004, layout.CellCount)],
                DomesticInMigration = [.. Enumerable.Range(0, layout.CellCount).Select(c => size * (c % layout.AgeCount is >= 18 and <= 30 ? 40.0 : 8.0))],
                Immigration = [.. Enumerable.Range(0, layout.CellCount).Select(c => size * (c % layout.AgeCount is >= 18 and <= 45 ? 6.0 : 1.0))],
            };
            var population = Enumerable.Range(0, layout.CellCount).Select(c => size * (c % layout.AgeCount < 85 ? 400.0 - (2 * (c % layout.AgeCount)) : 40.0)).ToArray();
            var years = new SortedDictionary<int, Year> { [FirstYear] = new(population, [], [], [], [], [], [], []) };
            var components = new StepFlows(layout, 1);
            var workspace = new StepWorkspace(layout, 1);
            for (var year = FirstYear + 1; year <= LastYear; year++)
            {
                var end = new double[layout.CellCount];
                ProjectionStep.Advance(layout, [rates], new StepAssumptions(1), population, end, components, workspace);
                var women = layout.SexOffset(Sex.Female);
                var byMotherAge = Enumerable.Range(0, layout.AgeCount).Select(a => rates.Fertility[a] * components.Exposure[women + a]).ToArray();
                years[year] = new Year(end, byMotherAge, [.. components.Births], [.. components.Deaths], [.. components.DomesticIn], [.. components.DomesticOut], [.. components.Immigration], [.. components.Emigration]);
                population = end;
            }

            made[Municipalities[m]] = years;
        }

        return made;
    }

    private string[] WriteFiles(Dictionary<string, SortedDictionary<int, Year>> made)
    {
        var layout = PopulationLayout.Default;
        var years = Enumerable.Range(FirstYear, LastYear - FirstYear + 1).ToList();
        var flowYears = years.Skip(1).ToList();
        string Age(int age) => age == layout.OldestAge ? $"{age}+" : age.ToString(CultureInfo.InvariantCulture);
        string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

        // Population, codes shown, marital status in two parts to be summed over (60 % and 40 %).
        var population = new StringBuilder("\"Region\",\"Civilstand\",\"Alder\",\"Kon\"");
        population.Append(string.Concat(years.Select(y => $",\"BE0101N1 {y}\""))).Append("\r\n");
        foreach (var (code, series) in made)
        {
            foreach (var (status, share) in new[] { ("OG", 0.6), ("G", 0.4) })
            {
                for (var s = 0; s < 2; s++)
                {
                    for (var age = 0; age <= layout.OldestAge; age++)
                    {
                        population.Append($"\"{code}\",\"{status}\",\"{Age(age)}\",\"{s + 1}\"");
                        population.Append(string.Concat(years.Select(y => "," + Number(series[y].Population[layout.Index((Sex)s, age)] * share)))).Append("\r\n");
                    }
                }
            }
        }

        // Births, texts shown, content and year in the heading ("Levande födda 2001"), semicolons and decimal commas as Swedish Excel saves them.
        var births = new StringBuilder("\"region\";\"moderns ålder\";\"barnets kön\"");
        births.Append(string.Concat(flowYears.Select(y => $";\"Levande födda {y}\""))).Append('\n');
        foreach (var (code, series) in made)
        {
            for (var s = 0; s < 2; s++)
            {
                for (var age = 14; age <= 49; age++)
                {
                    var label = age == 14 ? "-14 år" : age == 49 ? "49+ år" : $"{age} år";
                    births.Append($"\"{code} {(code == "2580" ? "Luleå" : "Piteå")}\";\"{label}\";\"{(s == 0 ? "pojkar" : "flickor")}\"");
                    births.Append(string.Concat(flowYears.Select(y =>
                    {
                        var byAge = series[y].BirthsByMotherAge;
                        var mothers = age == 14 ? byAge.Take(15).Sum() : age == 49 ? byAge.Skip(49).Sum() : byAge[age];
                        var share = series[y].BirthsBySex[s] / series[y].BirthsBySex.Sum();
                        return ";" + Number(mothers * share).Replace('.', ',');
                    }))).Append('\n');
                }
            }
        }

        // Deaths by age reached during the year (DodaFodelsearK's BE0101D8), codes shown, no quotes.
        var deaths = new StringBuilder("Region,Alder,Kon");
        deaths.Append(string.Concat(flowYears.Select(y => $",BE0101D8 {y}"))).Append('\n');
        foreach (var (code, series) in made)
        {
            for (var s = 0; s < 2; s++)
            {
                for (var age = 0; age <= layout.OldestAge; age++)
                {
                    deaths.Append($"{code},{Age(age)},{s + 1}").Append(string.Concat(flowYears.Select(y => "," + Number(series[y].Deaths[layout.Index((Sex)s, age)])))).Append('\n');
                }
            }
        }

        // Migration: the nine contents of Flyttningar97, years first in the heading this time.
        string[] contents = ["BE0101AU", "BE0101AV", "BE0101AX", "BE0101AY", "BE0101AZ", "BE0101A1", "BE0101A2", "BE0101A3", "BE0101A4"];
        var migration = new StringBuilder("\"Region\",\"Alder\",\"Kon\"");
        migration.Append(string.Concat(flowYears.SelectMany(y => contents.Select(c => $",\"{y} {c}\"")))).Append("\r\n");
        foreach (var (code, series) in made)
        {
            for (var s = 0; s < 2; s++)
            {
                for (var age = 0; age <= layout.OldestAge; age++)
                {
                    var cell = layout.Index((Sex)s, age);
                    migration.Append($"\"{code}\",\"{Age(age)}\",\"{s + 1}\"");
                    foreach (var y in flowYears)
                    {
                        var (din, dout, imm, emi) = (series[y].DomesticIn[cell], series[y].DomesticOut[cell], series[y].Immigration[cell], series[y].Emigration[cell]);
                        double[] values = [din + imm, dout + emi, imm, emi, din + imm - dout - emi, imm - emi, din, dout, din - dout];
                        migration.Append(string.Concat(values.Select(v => "," + Number(v))));
                    }

                    migration.Append("\r\n");
                }
            }
        }

        var paths = new[] { ("population-25.csv", population), ("births-25.csv", births), ("deaths-25.csv", deaths), ("migration-25.csv", migration) }
            .Select(f =>
            {
                var path = Path.Combine(_directory, f.Item1);
                File.WriteAllText(path, f.Item2.ToString(), new UTF8Encoding(true));
                return path;
            })
            .ToArray();
        return paths;
    }
}
