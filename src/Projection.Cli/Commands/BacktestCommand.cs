using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Projection.Application;
using Projection.Core;
using Projection.Estimation;
using Projection.Files;
using Projection.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary>
/// <c>projection backtest</c>: projects from past base years with only the data known then and
/// compares with what happened, next to naive baselines. Writes Markdown tables to stdout and,
/// with --json, every case to a file for scripts.
/// </summary>
internal sealed class BacktestCommand(Terminal terminal) : Command<BacktestCommand.Settings>
{
    private const string NationCode = "00";

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--data <DIR>")]
        [Description("Directory of SCB series by age and sex (population_31dec_by_age_sex.csv, deaths_by_age_sex.csv, births_by_mother_age_child_sex.csv).")]
        public string? Data { get; init; }

        [CommandOption("--db <PATH>")]
        [Description("Or the store: the series fetched from SCB or imported (projection fetch / import).")]
        public string? Db { get; init; }

        [CommandOption("--regions <CODES>")]
        [Description("Comma-separated region codes; default: every region in the data.")]
        public string? Regions { get; init; }

        [CommandOption("--bases <YEARS>")]
        [Description("Comma-separated base years, or FIRST-LAST ranges (1990-1997), as calibrate takes them.")]
        [DefaultValue("1990,1995,2000,2005")]
        public string Bases { get; init; } = "1990,1995,2000,2005";

        [CommandOption("--horizons <YEARS>")]
        [Description("Comma-separated horizons in years.")]
        [DefaultValue("5,10")]
        public string Horizons { get; init; } = "5,10";

        [CommandOption("--breaks <LIST>")]
        [Description("Boundary changes as REGION:FIRSTYEAR, e.g. 19:2006 (Heby left Västmanland for Uppsala on 1 January 2007, already in the 2006 year-end stock); cases whose years straddle one are left out.")]
        [DefaultValue(BoundaryBreaks.CountySeries)]
        public string Breaks { get; init; } = BoundaryBreaks.CountySeries;

        [CommandOption("--age-groups <GROUPS>")]
        [Description("Age groups to score; default: the planning groups.")]
        public string? AgeGroups { get; init; }

        [CommandOption("--windows <F,M,N>")]
        [Description("Years pooled for fertility, mortality and net migration, ending at the base year.")]
        [DefaultValue("1,5,12")]
        public string Windows { get; init; } = "1,5,12";

        [CommandOption("--fertility-level-years <YEARS>")]
        [Description("Years of total fertility averaged for the level fertility returns to in five years; 0 holds the base year's level.")]
        [DefaultValue(20)]
        public int FertilityLevelYears { get; init; } = 20;

        [CommandOption("--no-smoothing")]
        [Description("Use the raw single-year fertility rates instead of smoothed ones.")]
        public bool NoSmoothing { get; init; }

        [CommandOption("--no-student-ages")]
        [Description("Net migration at 16–29 from the migration window alone, without the last three years' half at 16–22 taken back at 23–29 (the method before; docs/accuracy.md).")]
        public bool NoStudentAges { get; init; }

        [CommandOption("--kannisto")]
        [Description("Close the death rates from 95 on with the Kannisto model fitted at 80–94 (tried; not the default: docs/accuracy.md).")]
        public bool Kannisto { get; init; }

        [CommandOption("--totals <FILE>")]
        [Description("Also backtest municipal totals from this file of yearly totals (region,region_name,year,sex,age,value); the county is the one of --county in --data.")]
        public string? Totals { get; init; }

        [CommandOption("--county <CODE>")]
        [Description("County whose municipalities (codes starting with it) are backtested with --totals.")]
        [DefaultValue("19")]
        public string County { get; init; } = "19";

        [CommandOption("--total-bases <YEARS>")]
        [Description("Base years for the municipal totals backtest (years or FIRST-LAST ranges).")]
        [DefaultValue("1990,1995,2000,2005,2010,2015")]
        public string TotalBases { get; init; } = "1990,1995,2000,2005,2010,2015";

        [CommandOption("--json <FILE>")]
        [Description("Also write every case and the summary as JSON.")]
        public string? Json { get; init; }

        public override ValidationResult Validate() => (Data, Db) switch
        {
            (null, null) or (not null, not null) => ValidationResult.Error("give the series with either --data DIR or --db PATH."),
            (not null, _) when DataLocations.RequireDirectory("--data", Data, "SCB's county series (shared/data/scb-county)") is { Successful: false } refused => refused,
            (_, not null) when DataLocations.RequireStore("--db", Db) is { Successful: false } refused => refused,
            _ when FertilityLevelYears is < 0 or > 40 => ValidationResult.Error("--fertility-level-years: give 0 (hold the base year's level) to 40 years."),
            _ => ValidationResult.Success(),
        };
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var layout = PopulationLayout.Default;
        var groups = settings.AgeGroups is null ? AgeGroupings.Planning : AgeGroupings.Parse(settings.AgeGroups, layout, "--age-groups");
        var bases = Years(settings.Bases, "--bases", ranges: true);
        var horizons = Years(settings.Horizons, "--horizons");
        var breaks = BoundaryBreaks.Parse(settings.Breaks);
        var windowYears = Years(settings.Windows, "--windows");
        if (windowYears.Length != 3)
        {
            throw new InvalidInputException(new Dictionary<string, string[]> { ["--windows"] = ["give three numbers of years: fertility, mortality, migration."] });
        }

        var windows = new EstimationWindows(windowYears[0], windowYears[1], windowYears[2], !settings.NoSmoothing, settings.Kannisto, settings.FertilityLevelYears, !settings.NoStudentAges);
        var data = settings.Data is not null
            ? CountySeriesCsv.ReadDirectory(settings.Data, layout)
            : StoredStatistics.ToObserved(new SourceStore(settings.Db!).List(), layout);
        var regions = settings.Regions?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [.. data.Keys];
        var unknown = regions.Where(r => !data.ContainsKey(r)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidInputException(new Dictionary<string, string[]> { ["--regions"] = [$"not in the data: {string.Join(", ", unknown)}."] });
        }

        // Mortality improves by age in Sweden's pattern when the series hold Sweden (00), as they do.
        var nation = data.GetValueOrDefault(NationCode);
        var outcomes = new List<Backtest.Outcome>();
        var skipped = new List<string>();
        foreach (var region in regions)
        {
            foreach (var baseYear in bases)
            {
                foreach (var horizon in horizons)
                {
                    var (first, last) = Backtest.YearsRead(baseYear, horizon);
                    if (breaks.Any(b => b.Region == region && first < b.FirstYear && last >= b.FirstYear))
                    {
                        skipped.Add($"{region} {baseYear}+{horizon} (boundary change)");
                        continue;
                    }

                    if (!data[region].Population.ContainsKey(first) || !data[region].Population.ContainsKey(last))
                    {
                        skipped.Add($"{region} {baseYear}+{horizon} (years {first}–{last} not in the data)");
                        continue;
                    }

                    outcomes.Add(Backtest.Run(data[region], baseYear, horizon, groups, windows, nation));
                }
            }
        }

        var summary = BacktestReport.Summarize(outcomes, groups);
        terminal.Output.Write(BacktestReport.Markdown(summary, groups, outcomes.Count, skipped));
        var municipal = new List<MunicipalTotalsBacktest.Outcome>();
        if (settings.Totals is not null)
        {
            if (!data.TryGetValue(settings.County, out var county))
            {
                throw new InvalidInputException(new Dictionary<string, string[]> { ["--county"] = [$"county {settings.County} is not in the series."] });
            }

            foreach (var (code, yearly) in ScbExtractCsv.ReadMunicipalTotals(settings.Totals, settings.County))
            {
                foreach (var baseYear in Years(settings.TotalBases, "--total-bases", ranges: true))
                {
                    foreach (var horizon in horizons.Where(h => yearly.ContainsKey(baseYear + h)))
                    {
                        municipal.Add(MunicipalTotalsBacktest.Run(code, yearly, county, baseYear, horizon, windows));
                    }
                }
            }

            terminal.Output.Write(BacktestReport.MunicipalMarkdown(municipal));
        }

        if (settings.Json is not null)
        {
            File.WriteAllText(settings.Json, JsonSerializer.Serialize(new { cases = outcomes, summary, skipped, municipalTotals = municipal }, ProjectionJson.Options), new UTF8Encoding(false));
        }

        return ExitCodes.Success;
    }

    /// <summary>Comma-separated numbers; where <paramref name="ranges"/>, a part may be a range of years FIRST-LAST.</summary>
    private static int[] Years(string text, string field, bool ranges = false)
    {
        var years = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (ranges && part.Contains('-', StringComparison.Ordinal))
            {
                years.AddRange(YearRange.Parse(part, field));
                continue;
            }

            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1 or > 3000)
            {
                throw new InvalidInputException(new Dictionary<string, string[]> { [field] = [$"'{part}' is not a number of years."] });
            }

            years.Add(year);
        }

        return [.. years];
    }
}
