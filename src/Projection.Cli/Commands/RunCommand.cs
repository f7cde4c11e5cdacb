using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Projection.Application;
using Projection.Charts;
using Projection.Core;
using Projection.Files;
using Projection.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary><c>projection run</c>: one region, one scenario, printed as a table, JSON or CSV.</summary>
internal sealed class RunCommand(Terminal terminal) : Command<RunCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-r|--region <CODE|NAME>")]
        [Description("A region's SCB code or name: any of Sweden's 21 counties (19, Västmanland) or 290 municipalities (1980, Västerås); Uppsala is the municipality, Uppsala län the county.")]
        [DefaultValue("19")]
        public string Region { get; init; } = "19";

        [CommandOption("-s|--scenario <NAME|FILE>")]
        [Description("main, low, high, or a scenario file (docs/scenarios.md).")]
        [DefaultValue("main")]
        public string Scenario { get; init; } = "main";

        [CommandOption("--horizon <YEARS>")]
        [Description("Years after the base year (1..100); default: the scenario's.")]
        public int? Horizon { get; init; }

        [CommandOption("-f|--format <FORMAT>")]
        [Description("table, json, csv or excel (CSV for Swedish Excel: semicolons, decimal commas, UTF-8 with BOM); csv and excel have the JSON's columns, as the service's; svg or png: a ready chart (--chart), the service's byte for byte.")]
        [DefaultValue("table")]
        public string Format { get; init; } = "table";

        [CommandOption("--chart <CHART>")]
        [Description("With --format svg or png: total (history and projection; with --trajectories its bands), components (births, deaths and moves per year) or pyramid (ages and sexes in --year). Default: total.")]
        public string? Chart { get; init; }

        [CommandOption("--year <YEAR>")]
        [Description("The pyramid's year (--chart pyramid), from the base year to the last projected one; default: the base year.")]
        public int? Year { get; init; }

        [CommandOption("--age-groups <GROUPS>")]
        [Description("Comma-separated age groups, e.g. 0-5,6-15,80+; default: the planning groups.")]
        public string? AgeGroups { get; init; }

        [CommandOption("--seed-file|--seed <FILE>")]
        [Description("Seed data file; default: the embedded Västmanland data.")]
        public string? Seed { get; init; }

        [CommandOption("--db <STORE>")]
        [Description("Project from SCB's own tables in this store (projection fetch / import); it must cover the county. Default: the shared store's tables when they cover the county, as the service does, else the embedded default.")]
        public string? Db { get; init; }

        [CommandOption("--trajectories <N>")]
        [Description("Add 80 % and 95 % intervals from N stochastic trajectories (1..100000; models/uncertainty.json, docs/method.md §11).")]
        public int? Trajectories { get; init; }

        [CommandOption("--random-seed <N>")]
        [Description("The seed of the trajectories: the same seed gives the same intervals.")]
        [DefaultValue(1UL)]
        public ulong RandomSeed { get; init; } = 1;

        [CommandOption("--scenarios <DIR>")]
        [Description("Directory of scenario files; default: the embedded models/scenarios.")]
        public string? Scenarios { get; init; }

        public override ValidationResult Validate() => this switch
        {
            { Format: not ("table" or "json" or "csv" or "excel" or "svg" or "png") } => ValidationResult.Error($"--format must be table, json, csv, excel, svg or png, not '{Format}'."),
            { Chart: not null, Format: not ("svg" or "png") } => ValidationResult.Error("--chart: a chart is written with --format svg or png."),
            { Chart: not (null or "total" or "components" or "pyramid") } => ValidationResult.Error($"--chart must be total, components or pyramid, not '{Chart}'."),
            { Year: not null, Chart: not "pyramid" } => ValidationResult.Error("--year: only the pyramid (--chart pyramid) is drawn for one year."),
            { Chart: "pyramid", Trajectories: not null } => ValidationResult.Error("--trajectories: the pyramid's intervals are the service's (GET …/charts/pyramid.svg?trajectories=N); here, draw it without."),
            { Chart: "components", Trajectories: not null } => ValidationResult.Error("--trajectories: the components chart draws no intervals."),
            _ => ValidationResult.Success(),
        };
    }

    /// <summary>The region's code from a code or a name ("Västerås", "vasteras", "Kiruna"); a code no seed knows passes as it is (the store may hold it).</summary>
    private static string RegionOf(string text, SeedSet seeds)
    {
        var known = seeds.Regions;
        if (RegionNames.Find(text, known) is { } code)
        {
            return code;
        }

        return text.Trim() switch
        {
            "" => throw new InvalidInputException(new Dictionary<string, string[]> { ["--region"] = ["give a region's code or name, e.g. 1980 or Västerås."] }),
            var digits when digits.All(char.IsAsciiDigit) => digits,
            _ => throw new InvalidInputException(new Dictionary<string, string[]> { ["--region"] = [$"unknown region '{text}'; nearest: {string.Join(", ", RegionNames.Nearest(text, known))}."] }),
        };
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Format == "png" && !terminal.OutputRedirected)
        {
            throw new InvalidInputException(new Dictionary<string, string[]> { ["--format"] = ["png is an image: send it to a file (projection run … --format png > chart.png), not to the terminal."] });
        }

        var seeds = SeedSet.Load(settings.Seed ?? DefaultPaths.Seed);
        var region = RegionOf(settings.Region, seeds);
        var layout = PopulationLayout.Default;
        var groups = settings.AgeGroups is null ? AgeGroupings.Planning : AgeGroupings.Parse(settings.AgeGroups, layout, "--age-groups");
        var scenarioDocument = ScenarioFiles.Resolve(settings.Scenario, settings.Scenarios ?? DefaultPaths.Scenarios, settings.Db ?? DefaultPaths.Store);
        var scenario = scenarioDocument.ToScenario();
        if (settings.Horizon is { } horizon)
        {
            scenario = scenario with { Horizon = horizon };
        }

        var (input, history, isCounty, name, provenance, observedTotals, baseAgesObserved) = StartingPoint(settings.Db, seeds, region, layout);
        var (migrationInput, migrationNote) = new Projection.Migration.LearnedMigration(DefaultPaths.MigrationModel).Apply(input, scenarioDocument.MigrationSource, history);
        input = migrationInput;
        if (migrationNote is not null)
        {
            provenance = [.. provenance, migrationNote];
            if (migrationNote.Status == Provenance.Warning)
            {
                terminal.Messages.WriteLine($"projection run: warning: {migrationNote.Method}");
            }
        }

        var result = Projector.Project(input, scenario);
        var summary = ProjectionSummary.Summarize(result, isCounty ? null : region, groups);
        Uncertainty? uncertainty = null;
        if (settings.Trajectories is { } trajectories)
        {
            var model = UncertaintyFile.Read(DefaultPaths.Uncertainty).ToModel();
            var intervals = StochasticProjector.Project(input, scenario, model, new StochasticOptions { Trajectories = trajectories, Seed = settings.RandomSeed, AgeGroups = groups }, cancellationToken);
            uncertainty = UncertaintyReport.Build(intervals, region, isCounty, model, result.BaseYear, result.EndYear);
        }

        if (settings.Format is "svg" or "png")
        {
            // The service's charts, drawn from the same report: the total with the published history, as GET …/charts/total does.
            var firstYear = observedTotals.Count > 0 ? Math.Min(observedTotals.Keys.Min(), result.BaseYear) : result.BaseYear;
            var chart = settings.Chart switch
            {
                "components" => ChartRenderer.Components(ProjectionReports.Build(result, region, name, isCounty, provenance, observedTotals, groups, result.BaseYear, result.EndYear)),
                "pyramid" => Pyramid(result, region, name, isCounty, baseAgesObserved, settings.Year ?? result.BaseYear),
                _ => ChartRenderer.Total([ProjectionReports.Build(result, region, name, isCounty, provenance, observedTotals, groups, firstYear, result.EndYear) with { Uncertainty = uncertainty }]),
            };
            using var stdout = terminal.OpenOutput();
            stdout.Write(ChartRenderer.Bytes(chart, settings.Format));
            return ExitCodes.Success;
        }

        var report = ProjectionReports.Build(result, region, name, isCounty, provenance, observedTotals, groups, result.BaseYear, result.EndYear) with { Uncertainty = uncertainty };
        Write(settings.Format, report, summary, groups, uncertainty);
        return ExitCodes.Success;
    }

    /// <summary>The pyramid of <paramref name="year"/>, scaled as the service scales it (to the base and last years' too).</summary>
    private static ScottPlot.Plot Pyramid(ProjectionResult result, string region, string name, bool isCounty, bool baseAgesObserved, int year)
    {
        if (year < result.BaseYear || year > result.EndYear)
        {
            throw new InvalidInputException(new Dictionary<string, string[]> { ["--year"] = [$"must be between {result.BaseYear} (the base year) and {result.EndYear}, was {year}."] });
        }

        PyramidResponse At(int y) => ProjectionReports.Pyramid(result, region, name, isCounty, baseAgesObserved, y);
        return ChartRenderer.Pyramid(At(year), result.BaseYear, [At(result.BaseYear), At(result.EndYear)]);
    }

    /// <summary>What a region's projection starts from, in the words of its report.</summary>
    private sealed record Start(
        ProjectionInput Input,
        IReadOnlyDictionary<string, Projection.Estimation.ObservedStatistics>? History,
        bool IsCounty,
        string Name,
        IReadOnlyList<Provenance> Provenance,
        IReadOnlyDictionary<int, double> ObservedTotals,
        bool BaseAgesObserved);

    /// <summary>
    /// As the service decides: SCB's own tables in the store when they cover the county (the shared
    /// store unless --db names another), else the seed of the region's county. Named with --db, a store must be usable.
    /// </summary>
    private Start StartingPoint(string? db, SeedSet seeds, string region, PopulationLayout layout)
    {
        var county = region.Length > 2 ? region[..2] : region;
        if (StoreTables(db, county, layout) is { } tables)
        {
            var built = StoreProjectionInput.Build(tables, county, layout, mortalityImprovementByAge: SeedFile.ImprovementByAge(seeds.Home));
            var isCounty = region == county;
            if (!isCounty && built.Input.Regions.All(r => r.Code != region))
            {
                throw new InvalidInputException(new Dictionary<string, string[]> { ["region"] = [$"the store has no municipality '{region}'."] });
            }

            var name = isCounty ? county : built.Input.Regions.First(r => r.Code == region).Name;
            return new Start(built.Input, StoredStatistics.ToObserved(tables, layout), isCounty, name, [built.Provenance], new Dictionary<int, double>(), BaseAgesObserved: true);
        }

        // The seed of the region's county: the home seed, or another county's (seeds/sweden, base year 2019).
        var seed = seeds.SeedOf(region) ?? seeds.Home;
        var ofCounty = region == seed.County.Code;
        return new Start(
            SeedFile.ToProjectionInput(seed, region),
            null,
            ofCounty,
            ofCounty ? seed.County.Name : seed.Regions.First(r => r.Code == region).Name,
            SeedFile.ProvenanceOf(seed, region),
            SeedFile.ObservedTotals(seed, region),
            // As the service says it: the base year's ages are SCB's own where every region's are observed (seeds/sweden), modeled where carried forward (the home seed).
            seed.Regions.All(r => r.PopulationProvenance.Status == Provenance.Observed));
    }

    /// <summary>The report in the format asked for: JSON, the service's CSV (byte for byte) or its Swedish Excel variant, or tables for a person.</summary>
    private void Write(string format, ProjectionResponse report, IReadOnlyList<YearSummary> summary, IReadOnlyList<AgeGroup> groups, Uncertainty? uncertainty)
    {
        switch (format)
        {
            case "json":
                terminal.Output.WriteLine(JsonSerializer.Serialize(report, ProjectionJson.Options));
                break;
            case "csv" or "excel":
                // The service's CSV, byte for byte: the same columns as the JSON; "excel" is its Swedish Excel variant.
                using (var stdout = terminal.OpenOutput())
                {
                    stdout.Write(ProjectionCsv.Write(report, swedishExcel: format == "excel"));
                }

                break;
            default:
                WriteTable(report.Region, report.RegionName, report.Scenario, groups, summary, uncertainty);
                break;
        }
    }

    /// <summary>
    /// The store's tables when the projection should start from them: those of the store named by
    /// <paramref name="named"/> (which must exist and cover the county: an error otherwise), or of
    /// the shared store when it exists and its tables cover the county (null otherwise, with a note
    /// on stderr when it has SCB tables that cannot be used).
    /// </summary>
    private IReadOnlyList<StoredTable>? StoreTables(string? named, string county, PopulationLayout layout)
    {
        if (named is not null)
        {
            DataLocations.RequireStore("--db", named);
            return new SourceStore(named).List();
        }

        var shared = DefaultPaths.Store;
        if (!StoreLocations.IsPostgres(shared) && !File.Exists(shared))
        {
            return null;
        }

        var tables = new SourceStore(shared).List();
        if (tables.All(t => t.Origin == "seeded"))
        {
            return null;
        }

        try
        {
            StoreProjectionInput.Build(tables, county, layout);
            return tables;
        }
        catch (InvalidInputException e)
        {
            terminal.Messages.WriteLine($"projection run: the shared store's SCB tables are not used ({e.Message}); projecting from the embedded default.");
            return null;
        }
    }

    /// <summary>
    /// The projection as two tables that fit a terminal of 100 columns (the age groups would not fit
    /// beside the totals): the total with its intervals and the components of change, then the
    /// planning age groups. `--format csv` or `json` has everything in one table.
    /// </summary>
    private void WriteTable(string region, string name, string scenario, IReadOnlyList<AgeGroup> groups, IReadOnlyList<YearSummary> years, Uncertainty? uncertainty)
    {
        var totals = new Table().Title($"{name} ({region}), scenario {scenario}: population on 31 December and change during the year").Border(TableBorder.Simple);
        totals.AddColumn("year");
        totals.AddColumn(new TableColumn("total").RightAligned());
        if (uncertainty is not null)
        {
            totals.AddColumn(new TableColumn("80 % interval").RightAligned());
            totals.AddColumn(new TableColumn("95 % interval").RightAligned());
        }

        foreach (var column in new[] { "births", "deaths", "net migration" })
        {
            totals.AddColumn(new TableColumn(column).RightAligned());
        }

        var ages = new Table().Title($"{name} ({region}), scenario {scenario}: by age group").Border(TableBorder.Simple);
        ages.AddColumn("year");
        foreach (var group in groups)
        {
            ages.AddColumn(new TableColumn(group.Name).RightAligned());
        }

        foreach (var year in years)
        {
            var net = year.DomesticIn - year.DomesticOut + year.Immigration - year.Emigration;
            var cells = new List<string> { year.Year.ToString(CultureInfo.InvariantCulture), Whole(year.Total) };
            if (uncertainty is not null)
            {
                // The base year is observed: no interval to show (the trajectories all start from it), and a row without one keeps its columns.
                var spread = year == years[0] ? null : uncertainty.Years.FirstOrDefault(u => u.Year == year.Year);
                cells.Add(spread is null ? "" : $"{Whole(spread.Total.Lower80)}–{Whole(spread.Total.Upper80)}");
                cells.Add(spread is null ? "" : $"{Whole(spread.Total.Lower95)}–{Whole(spread.Total.Upper95)}");
            }

            cells.AddRange([Whole(year.Births), Whole(year.Deaths), Whole(net)]);
            totals.AddRow(cells.ToArray());
            ages.AddRow([year.Year.ToString(CultureInfo.InvariantCulture), .. year.AgeGroups.Select(v => Whole(v))]);
        }

        // Redirected output has no terminal width: 100 columns, which both tables fit.
        var console = terminal.OutputConsole;
        if (terminal.OutputRedirected)
        {
            console.Profile.Width = 100;
        }

        console.Write(totals);
        console.WriteLine();
        console.Write(ages);
    }

    private static string Whole(double? value) => value is { } v ? Math.Round(v).ToString("0", CultureInfo.InvariantCulture) : "";
}
