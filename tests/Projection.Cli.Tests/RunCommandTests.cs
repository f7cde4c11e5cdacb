using System.Globalization;
using System.Text.Json;
using Projection.Tests;

namespace Projection.Cli.Tests;

public class RunCommandTests
{
    private static readonly string[] ComponentFields = ["births", "deaths", "domesticIn", "domesticOut", "immigration", "emigration"];

    [Test]
    public void The_county_projection_as_JSON_starts_from_the_published_total_and_balances_every_year()
    {
        var outcome = CliProcess.Run("run", "--format", "json");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        using var json = JsonDocument.Parse(outcome.Out);
        var root = json.RootElement;
        Assert.That(root.GetProperty("region").GetString(), Is.EqualTo("19"));
        Assert.That(root.GetProperty("regionName").GetString(), Is.EqualTo("Västmanlands län"));
        Assert.That(root.GetProperty("scenario").GetString(), Is.EqualTo("main"));
        Assert.That(root.GetProperty("baseYear").GetInt32(), Is.EqualTo(2024));
        var years = root.GetProperty("years").EnumerateArray().ToList();
        Assert.That(years, Has.Count.EqualTo(31));

        // SCB: Västmanland had 281 158 inhabitants on 31 December 2024.
        Assert.That(years[0].GetProperty("total").GetDouble(), Is.EqualTo(281158).Within(0.01));
        for (var t = 1; t < years.Count; t++)
        {
            var y = years[t];
            var change = y.GetProperty("births").GetDouble() - y.GetProperty("deaths").GetDouble()
                + y.GetProperty("domesticIn").GetDouble() - y.GetProperty("domesticOut").GetDouble()
                + y.GetProperty("immigration").GetDouble() - y.GetProperty("emigration").GetDouble();
            Assert.That(y.GetProperty("total").GetDouble(), Is.EqualTo(years[t - 1].GetProperty("total").GetDouble() + change).Within(0.05), $"year {y.GetProperty("year")}");
            Assert.That(y.GetProperty("men").GetDouble() + y.GetProperty("women").GetDouble(), Is.EqualTo(y.GetProperty("total").GetDouble()).Within(0.02));
            var groups = y.GetProperty("ageGroups").EnumerateObject().Sum(p => p.Value.GetDouble());
            Assert.That(groups, Is.EqualTo(y.GetProperty("total").GetDouble()).Within(0.1));
        }

        Assert.That(years[0].GetProperty("births").ValueKind, Is.EqualTo(JsonValueKind.Null), "the base year's flows are not projected");
        Assert.That(years[5].EnumerateObject().Select(p => p.Name), Is.SupersetOf(ComponentFields.Concat(["year", "total", "men", "women", "ageGroups"])));
    }

    [Test]
    public void READMEs_JSON_example_is_what_the_command_prints()
    {
        // The README shows the county's base year and first projected year from `projection run --format json`;
        // a change of method or data must change the example with it.
        var outcome = InProcessCli.Run("run", "--format", "json", "--horizon", "1");
        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        using var json = JsonDocument.Parse(outcome.Out);
        var lines = File.ReadAllLines(RepositoryFiles.PathOf("README.md"));
        string[] baseYearFields = ["total", "men", "women"];
        string[] projectedFields = [.. baseYearFields, .. ComponentFields, "medianAge", "dependencyRatio"];
        foreach (var year in json.RootElement.GetProperty("years").EnumerateArray())
        {
            var number = year.GetProperty("year").GetInt32();
            var example = string.Join(' ', lines.SkipWhile(l => !l.Contains($"\"year\": {number},", StringComparison.Ordinal)).Take(5));
            var projected = year.GetProperty("observed").GetBoolean() is false;
            foreach (var field in projected ? projectedFields : baseYearFields)
            {
                Assert.That(example, Does.Contain($"\"{field}\": {year.GetProperty(field).GetRawText()}"), $"README's {number}, {field}");
            }

            if (projected)
            {
                foreach (var group in new[] { "0", "1-5", "6-15" })
                {
                    Assert.That(example, Does.Contain($"\"{group}\": {year.GetProperty("ageGroups").GetProperty(group).GetRawText()}"), $"README's {number}, age group {group}");
                }
            }
        }
    }

    [Test]
    public void Any_municipality_of_Sweden_is_projected_by_name_from_SCBs_real_ages_of_2019()
    {
        var outcome = InProcessCli.Run("run", "--region", "Kiruna", "--format", "json", "--horizon", "10");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        using var json = JsonDocument.Parse(outcome.Out);
        var root = json.RootElement;
        Assert.That((root.GetProperty("region").GetString(), root.GetProperty("baseYear").GetInt32()), Is.EqualTo(("2584", 2019)));

        // SCB: Kiruna had 22 867 inhabitants on 31 December 2019 (BE0101N1).
        var years = root.GetProperty("years").EnumerateArray().ToList();
        Assert.That((years[0].GetProperty("year").GetInt32(), years[0].GetProperty("total").GetDouble()), Is.EqualTo((2019, 22867.0)));
        Assert.That(years[^1].GetProperty("year").GetInt32(), Is.EqualTo(2029));
        Assert.That(root.GetProperty("provenance").EnumerateArray().Select(p => p.GetProperty("status").GetString()), Has.Member("observed"));
    }

    [Test]
    public void The_old_name_of_the_data_file_option_still_works_and_says_which_to_use()
    {
        var seed = Path.Combine(AppContext.BaseDirectory, "seeds", "vastmanland.json");

        var old = InProcessCli.Run("run", "--seed", seed, "--region", "1904", "--horizon", "2", "--format", "json");
        var current = InProcessCli.Run("run", "--seed-file", seed, "--region", "1904", "--horizon", "2", "--format", "json");

        Assert.That((old.ExitCode, current.ExitCode), Is.EqualTo((0, 0)), old.Error);
        Assert.That(old.Out, Is.EqualTo(current.Out));
        Assert.That(old.Error, Does.Contain("--seed is the old name of --seed-file"));
        Assert.That(current.Error, Does.Not.Contain("old name"));
    }

    [Test]
    public void The_county_is_the_sum_of_its_municipalities()
    {
        var county = Totals("19");
        var municipalities = new[] { "1904", "1907", "1960", "1961", "1962", "1980", "1981", "1982", "1983", "1984" };
        var sum = new double[county.Length];
        foreach (var code in municipalities)
        {
            var totals = Totals(code);
            for (var t = 0; t < sum.Length; t++)
            {
                sum[t] += totals[t];
            }
        }

        for (var t = 0; t < sum.Length; t++)
        {
            Assert.That(sum[t], Is.EqualTo(county[t]).Within(0.1), $"year index {t}");
        }
    }

    [Test]
    public void CSV_output_has_one_header_row_and_a_row_per_year_in_invariant_culture()
    {
        var outcome = InProcessCli.Run("run", "--region", "1980", "--format", "csv", "--horizon", "5");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        var lines = outcome.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(7));
        Assert.That(lines[0], Does.StartWith("region,regionName,scenario,year,observed,total,men,women,births,deaths,domesticIn,domesticOut,immigration,emigration,medianAge,dependencyRatio,cappedCells,age 0,age 1-5"), "the JSON's columns");
        var cells = lines[2].Split(',');
        Assert.That(cells[0], Is.EqualTo("1980"));
        Assert.That(cells[1], Is.EqualTo("Västerås"));
        Assert.That(cells[3], Is.EqualTo("2025"));
        Assert.That(cells[4], Is.EqualTo("false"));
        Assert.That(double.Parse(cells[5], CultureInfo.InvariantCulture), Is.GreaterThan(150_000));
    }

    [Test]
    public void Custom_age_groups_name_the_groups_in_the_output()
    {
        var outcome = InProcessCli.Run("run", "--region", "1904", "--format", "json", "--horizon", "2", "--age-groups", "0-5,6-15,80+");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        using var json = JsonDocument.Parse(outcome.Out);
        var groups = json.RootElement.GetProperty("years")[2].GetProperty("ageGroups").EnumerateObject().Select(p => p.Name);
        Assert.That(groups, Is.EqualTo(new[] { "0-5", "6-15", "80+" }));
    }

    [Test]
    public void The_low_scenario_gives_fewer_people_than_the_high_one()
    {
        double Final(string scenario) => JsonDocument.Parse(InProcessCli.Run("run", "--scenario", scenario, "--format", "json").Out)
            .RootElement.GetProperty("years").EnumerateArray().Last().GetProperty("total").GetDouble();

        Assert.That(Final("low"), Is.LessThan(Final("main")));
        Assert.That(Final("main"), Is.LessThan(Final("high")));
    }

    [TestCase(new[] { "run", "--region", "9999" }, 2, "unknown region '9999'")]
    [TestCase(new[] { "run", "--region", " " }, 2, "--region: give a region's code or name, e.g. 1980 or Västerås.")]
    [TestCase(new[] { "run", "--horizon", "101" }, 2, "horizon: must be between 1 and 100, was 101")]
    [TestCase(new[] { "run", "--scenario", "medium" }, 2, "unknown scenario 'medium'")]
    [TestCase(new[] { "run", "--age-groups", "9-3" }, 2, "'9-3' is not an age group")]
    [TestCase(new[] { "run", "--seed", "missing.json" }, 3, "missing.json: file not found")]
    [TestCase(new[] { "run", "--seed-file", "missing.json" }, 3, "missing.json: file not found")]
    [TestCase(new[] { "backtest", "--data", "no-such-directory" }, 3, "--data: directory 'no-such-directory' not found")]
    [TestCase(new[] { "backtest", "--db", "no-such-store.db" }, 3, "--db: store 'no-such-store.db' not found")]
    [TestCase(new[] { "run", "--db", "no-such-store.db" }, 3, "--db: store 'no-such-store.db' not found")]
    [TestCase(new[] { "ages-check", "--shared-data", "no-such-directory" }, 3, "--shared-data: directory 'no-such-directory' not found")]
    [TestCase(new[] { "run", "--chart", "pyramid" }, 2, "--chart: a chart is written with --format svg or png.")]
    [TestCase(new[] { "run", "--format", "svg", "--chart", "bars" }, 2, "--chart must be total, components or pyramid, not 'bars'.")]
    [TestCase(new[] { "run", "--format", "svg", "--year", "2040" }, 2, "--year: only the pyramid (--chart pyramid) is drawn for one year.")]
    [TestCase(new[] { "run", "--format", "svg", "--chart", "pyramid", "--year", "2100" }, 2, "--year: must be between 2024 (the base year) and 2054, was 2100.")]
    [TestCase(new[] { "run", "--format", "svg", "--chart", "components", "--trajectories", "100" }, 2, "--trajectories: the components chart draws no intervals.")]
    [TestCase(new[] { "batch", "." }, 3, ".: a directory, not a file. Nothing was run.")]
    [TestCase(new[] { "import", "." }, 3, ".: a directory, not a file. Nothing was stored.")]
    [TestCase(new[] { "calibrate" }, 2, "--data: give the directory of SCB's county series")]
    [TestCase(new[] { "calibrate", "--trajectories", "many" }, 2, "projection calibrate: --trajectories: 'many' is not a whole number.")]
    [TestCase(new[] { "run", "--horizon", "1.5" }, 2, "projection run: --horizon: '1.5' is not a value it takes (projection run --help says what it takes).")]
    public void Bad_input_gets_a_message_on_stderr_and_a_non_zero_exit(string[] arguments, int exitCode, string message)
    {
        var outcome = InProcessCli.Run(arguments);

        Assert.That(outcome.ExitCode, Is.EqualTo(exitCode));
        Assert.That(outcome.Error, Does.Contain(message));
        Assert.That(outcome.Out, Is.Empty);
    }

    [Test]
    public void A_scenario_file_with_a_misspelt_field_is_refused_naming_the_file() =>
        WithFile("""{ "name": "typo", "horizon": 10, "fertilty": { "multiplier": 2 } }""", path =>
        {
            var outcome = InProcessCli.Run("run", "--scenario", path);

            Assert.That(outcome.ExitCode, Is.EqualTo(3));
            Assert.That(outcome.Error, Does.Contain(Path.GetFileName(path)).And.Contain("fertilty"));
        });

    // It had printed System.Text.Json's own text: "… when isFinalBlock is true. Path: $ | LineNumber: 0 | BytePositionInLine: 0."
    [TestCase("", "line 1: the document is not valid JSON here")]
    [TestCase("{\n  \"format\": ", "line 2: format: is not valid JSON here")]
    public void A_seed_file_that_is_not_JSON_is_refused_in_words_not_in_the_parsers(string text, string message) =>
        WithFile(text, path =>
        {
            var outcome = InProcessCli.Run("run", "--seed-file", path);

            Assert.That(outcome.ExitCode, Is.EqualTo(3));
            Assert.That(outcome.Error, Does.Contain($"{Path.GetFileName(path)}, {message}").And.Contain("not a seed document"));
            Assert.That(outcome.Error, Does.Not.Contain("BytePositionInLine").And.Not.Contain("isFinalBlock"));
        });

    [Test]
    public void A_scenario_file_with_a_field_given_twice_is_refused_naming_the_file_line_and_field() =>
        WithFile("{\n  \"name\": \"twice\",\n  \"horizon\": 10,\n  \"horizon\": 40\n}\n", path =>
        {
            var outcome = InProcessCli.Run("run", "--scenario", path);

            Assert.That(outcome.ExitCode, Is.EqualTo(3));
            Assert.That(outcome.Error, Does.Contain($"{Path.GetFileName(path)}, line 4: horizon: is given more than once"));
        });

    /// <summary>Runs <paramref name="test"/> on a file of <paramref name="text"/>, deleted afterwards.</summary>
    private static void WithFile(string text, Action<string> test)
    {
        var path = Path.Combine(Path.GetTempPath(), $"file-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        try
        {
            test(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void An_unknown_format_is_refused_before_anything_runs()
    {
        var outcome = InProcessCli.Run("run", "--format", "xml");
        Assert.That(outcome.ExitCode, Is.Not.Zero);
        Assert.That(outcome.Out + outcome.Error, Does.Contain("--format must be table, json, csv, excel, svg or png, not 'xml'"));
    }

    private static double[] Totals(string region)
    {
        var outcome = InProcessCli.Run("run", "--region", region, "--format", "json", "--horizon", "10");
        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        using var json = JsonDocument.Parse(outcome.Out);
        return json.RootElement.GetProperty("years").EnumerateArray().Select(y => y.GetProperty("total").GetDouble()).ToArray();
    }
}

public class TableTests
{
    [Test]
    public void The_table_fits_100_columns_even_with_intervals_and_holds_every_planning_group()
    {
        var outcome = InProcessCli.Run("run", "--region", "19", "--horizon", "2", "--trajectories", "100");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        var lines = outcome.Out.Split('\n');
        Assert.That(lines.Max(l => l.TrimEnd('\r').Length), Is.LessThanOrEqualTo(100));
        Assert.That(outcome.Out, Does.Contain("95 % interval").And.Contain("net migration").And.Contain("80-89").And.Contain("90+"));
        Assert.That(lines.Count(l => l.TrimStart().StartsWith("2026", StringComparison.Ordinal)), Is.EqualTo(2), "the last year in both tables");

        // The base year, observed, has no interval; a projected year has both, the 80 % within the 95 %.
        var baseRow = lines.First(l => l.TrimStart().StartsWith("2024", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(baseRow, Has.Length.EqualTo(2), "year and total only: " + string.Join(" ", baseRow));
        var projected = lines.First(l => l.TrimStart().StartsWith("2026", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (inner, outer) = (projected[2].Split('–').Select(double.Parse).ToArray(), projected[3].Split('–').Select(double.Parse).ToArray());
        Assert.That(outer[0], Is.LessThanOrEqualTo(inner[0]));
        Assert.That(inner[0], Is.LessThan(inner[1]));
        Assert.That(inner[1], Is.LessThanOrEqualTo(outer[1]));
    }
}

public class RegionByNameTests
{
    [Test]
    public void A_region_may_be_given_by_name_and_an_unknown_one_is_answered_with_the_nearest()
    {
        var byName = InProcessCli.Run("run", "--region", "Västerås", "--horizon", "2", "--format", "json");
        Assert.That(byName.ExitCode, Is.Zero, byName.Error);
        Assert.That(System.Text.Json.JsonDocument.Parse(byName.Out).RootElement.GetProperty("region").GetString(), Is.EqualTo("1980"));

        var unknown = InProcessCli.Run("run", "--region", "Vesteros");
        Assert.That(unknown.ExitCode, Is.EqualTo(2));
        Assert.That(unknown.Error, Does.Contain("unknown region 'Vesteros'; nearest: Västerås (1980)"));
    }
}

public class StrictOptionsTests
{
    [Test]
    public void A_misspelt_option_is_an_error_not_silently_the_default_region()
    {
        var outcome = InProcessCli.Run("run", "--regoin", "1980");

        Assert.That(outcome.ExitCode, Is.EqualTo(2), "invalid arguments, as README says");
        Assert.That(outcome.Error, Does.Contain("projection run: Unknown option 'regoin'"));
        Assert.That(outcome.Out, Does.Not.Contain("Västmanlands län"), "nothing was projected");
    }

    [TestCase("run", "--format", "yaml")]
    [TestCase("calibrate", "--trajectories", "many")]
    [TestCase("nonsense")]
    public void A_value_or_verb_spectre_refuses_is_exit_code_2_with_the_verb_named(params string[] args)
    {
        var outcome = InProcessCli.Run(args);

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.Error);
        Assert.That(outcome.Error, Does.StartWith($"projection {args[0]}: "));
    }
}

public class RunFromStoreTests
{
    [Test]
    public void With_SCBs_tables_in_the_store_run_projects_from_them_and_says_so()
    {
        using var temporary = new TemporaryStore();
        var db = temporary.Path;
        Projection.Tests.CountySeriesStore.WriteAsMunicipalities(db, "01", ["01", "04", "05"], 2000);

        var outcome = InProcessCli.Run("run", "--db", db, "--region", "01", "--format", "json", "--horizon", "5");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        using var json = System.Text.Json.JsonDocument.Parse(outcome.Out);
        Assert.That(json.RootElement.GetProperty("baseYear").GetInt32(), Is.EqualTo(2015));
        Assert.That(json.RootElement.GetProperty("provenance")[0].GetProperty("status").GetString(), Is.EqualTo("observed"));
        Assert.That(json.RootElement.GetProperty("years").GetArrayLength(), Is.EqualTo(6));
    }

    [Test]
    public void Without_db_run_projects_from_the_shared_stores_tables_when_they_cover_the_county_as_the_service_does()
    {
        using var temporary = new TemporaryStore();
        Projection.Tests.CountySeriesStore.WriteAsMunicipalities(temporary.Path, "01", ["01", "04", "05"], 2000);
        var directory = Path.GetDirectoryName(temporary.Path)!;

        var shared = CliProcess.RunWithStore(directory, temporary.Path, "run", "--region", "01", "--format", "json", "--horizon", "5");
        var named = InProcessCli.Run("run", "--db", temporary.Path, "--region", "01", "--format", "json", "--horizon", "5");

        Assert.That(shared.ExitCode, Is.Zero, shared.Error);
        Assert.That(shared.Out, Is.EqualTo(named.Out), "the shared store (PROJECTION_STORE) is used as --db would be");
    }

    [Test]
    public void Without_db_a_shared_store_with_only_the_seeded_tables_leaves_the_embedded_default()
    {
        using var temporary = new TemporaryStore();
        _ = new Projection.Store.SourceStore(temporary.Path);
        var directory = Path.GetDirectoryName(temporary.Path)!;

        var outcome = CliProcess.RunWithStore(directory, temporary.Path, "run", "--region", "1980", "--format", "json", "--horizon", "5");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        using var json = System.Text.Json.JsonDocument.Parse(outcome.Out);
        Assert.That(json.RootElement.GetProperty("baseYear").GetInt32(), Is.EqualTo(2024), "the embedded default's base year");
    }

    [Test]
    public void An_empty_store_tells_the_user_to_fetch_first()
    {
        using var temporary = new TemporaryStore();
        var db = temporary.Path;
        _ = new Projection.Store.SourceStore(db);
        var outcome = InProcessCli.Run("run", "--db", db);

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("run projection fetch first"));
    }
}
