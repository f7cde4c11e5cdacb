using System.ComponentModel;
using System.Globalization;
using Projection.Application;
using Projection.Core;
using Projection.Estimation;
using Projection.Files;
using Projection.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary><c>projection calibrate</c>: how often the stochastic intervals held what happened, on SCB's county series (docs/accuracy.md). Markdown to stdout.</summary>
internal sealed class CalibrateCommand(Terminal terminal) : Command<CalibrateCommand.Settings>
{
    public sealed class Settings : CountySeriesSettings
    {
        [CommandOption("--bases <FIRST-LAST>")]
        [DefaultValue("1990-2005")]
        public string Bases { get; init; } = "1990-2005";

        [CommandOption("--horizons <YEARS>")]
        [DefaultValue("5,10")]
        public string Horizons { get; init; } = "5,10";

        /// <summary>5,000 by default: with 1,000 the same model's coverage moved by up to three points from one seed to another (docs/accuracy.md).</summary>
        [CommandOption("--trajectories <N>")]
        [DefaultValue(5000)]
        public int Trajectories { get; init; } = 5000;

        [CommandOption("--random-seed <N>")]
        [DefaultValue(1UL)]
        public ulong RandomSeed { get; init; } = 1;

        [CommandOption("--national-scale <FACTOR>")]
        [Description("Factor on the nation's migration innovations; default: the shipped model's nationalMigrationScale.")]
        public double? NationalScale { get; init; }

        [CommandOption("--regional-scale <FACTOR>")]
        [Description("Factor on the regions' migration innovations; default: the shipped model's regionalMigrationScale.")]
        public double? RegionalScale { get; init; }

        [CommandOption("--age-groups <GROUPS>")]
        [Description("Also check these age groups' intervals, each county (e.g. 0,1-5,80+, or planning for the planning groups); default: the totals only")]
        public string? AgeGroups { get; init; }

        [CommandOption("--municipal-totals <FILE>")]
        [Description("Also check the intervals of one county's municipalities, known by their yearly totals only (shared/data/scb/vastmanland_municipal_population_total.csv), with and without each municipality's own migration deviation (docs/accuracy.md).")]
        public string? MunicipalTotals { get; init; }

        [CommandOption("--municipal-bases <FIRST-LAST>")]
        [Description("The municipalities' base years, with --municipal-totals (their totals run to 2024, the county series to 2015).")]
        [DefaultValue("1990-2014")]
        public string MunicipalBases { get; init; } = "1990-2014";

        [CommandOption("--local-scale <FACTOR>")]
        [Description("Factor on a municipality's own migration innovations, with --municipal-totals; default: the shipped model's migrationLocal.scale.")]
        public double? LocalScale { get; init; }

        [CommandOption("--county <CODE>")]
        [Description("The county whose municipalities --municipal-totals holds.")]
        [DefaultValue("19")]
        public string County { get; init; } = "19";

        [CommandOption("--out <FILE>")]
        [Description("Record each county's coverage (the totals and --age-groups), and with --municipal-totals the municipalities' totals and their county, in this uncertainty model file, whose migration scales are the ones checked; the service reports it beside every interval (models/uncertainty.json).")]
        public string? Out { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var bases = YearRange.Parse(settings.Bases, "--bases");
        var (firstBase, lastBase) = (bases[0], bases[^1]);

        var horizons = settings.Horizons.Split(',').Select(h => int.Parse(h, CultureInfo.InvariantCulture)).ToList();
        var data = CountySeriesCsv.ReadDirectory(settings.Data, PopulationLayout.Default);
        var breaks = BoundaryBreaks.Parse(settings.Breaks).Select(b => (b.Region, b.FirstYear)).ToList();
        // With --out, the file's own scales are checked (a coverage recorded for other scales would not be its model's).
        var recorded = settings.Out is null ? null : UncertaintyFile.Read(settings.Out);
        if (recorded is not null && (settings.NationalScale is { } n && n != recorded.NationalMigrationScale || settings.RegionalScale is { } r && r != recorded.RegionalMigrationScale || settings.LocalScale is { } l && l != recorded.MigrationLocal?.Scale))
        {
            throw new InvalidInputException(new Dictionary<string, string[]>
            {
                ["--out"] = [string.Create(CultureInfo.InvariantCulture, $"{settings.Out} has migration scales {recorded.NationalMigrationScale} and {recorded.RegionalMigrationScale} (local {recorded.MigrationLocal?.Scale.ToString(CultureInfo.InvariantCulture) ?? "none"}): its coverage must be checked with them (leave out --national-scale, --regional-scale and --local-scale).")],
            });
        }

        if (recorded is not null && settings.MunicipalTotals is not null && recorded.MigrationLocal is null)
        {
            throw new InvalidInputException(new Dictionary<string, string[]>
            {
                ["--out"] = [$"{settings.Out} has no municipality's own deviation to check: estimate it first (projection uncertainty --municipal-totals {settings.MunicipalTotals} --out {settings.Out})."],
            });
        }

        var shipped = recorded ?? (settings.NationalScale is null || settings.RegionalScale is null ? UncertaintyFile.Read(DefaultPaths.Uncertainty) : null);
        var nationalScale = settings.NationalScale ?? shipped!.NationalMigrationScale;
        var regionalScale = settings.RegionalScale ?? shipped!.RegionalMigrationScale;
        var groups = settings.AgeGroups switch
        {
            null => [],
            "planning" => AgeGroupings.Planning,
            var text => AgeGroupings.Parse(text, PopulationLayout.Default, "--age-groups"),
        };
        var options = new StochasticOptions { Trajectories = settings.Trajectories, Seed = settings.RandomSeed };
        var shared = IntervalCalibration.Run(data, "00", bases, horizons, breaks, options, nationalMigrationScale: nationalScale, regionalMigrationScale: regionalScale, ageGroups: groups);
        var regionalOnly = IntervalCalibration.Run(data, "00", bases, horizons, breaks, options, withNationalDeviation: false, nationalMigrationScale: nationalScale, regionalMigrationScale: regionalScale);

        var output = terminal.Output;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Interval calibration: counties of {settings.Data}, bases {firstBase}–{lastBase}, {settings.Trajectories} trajectories, seed {settings.RandomSeed}, migration × {nationalScale} national, × {regionalScale} regional."));
        output.WriteLine();
        output.WriteLine("| model | cases | horizon | in 80 % interval | in 95 % interval | mean 80 % width (of median) |");
        output.WriteLine("|---|---|---|---|---|---|");
        var totals = shared.Where(c => c.Indicator == "total").ToList();
        foreach (var (label, cases) in new[] { ("national + regional, each county", totals.Where(c => c.Region != ProjectionIntervals.AllRegions)), ("national + regional, sum of counties", totals.Where(c => c.Region == ProjectionIntervals.AllRegions)), ("regional only, each county", regionalOnly.Where(c => c.Region != ProjectionIntervals.AllRegions)), ("regional only, sum of counties", regionalOnly.Where(c => c.Region == ProjectionIntervals.AllRegions)) })
        {
            foreach (var horizon in horizons)
            {
                var at = cases.Where(c => c.Horizon == horizon).ToList();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {at.Count} | {horizon} | {100.0 * at.Count(c => c.In80) / at.Count:0.0} % | {100.0 * at.Count(c => c.In95) / at.Count:0.0} % | {100 * at.Average(c => c.RelativeWidth80):0.00} % |"));
            }
        }

        if (groups.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Each county's age groups, national + regional:");
            output.WriteLine();
            output.WriteLine("| age group | cases | horizon | in 80 % interval | in 95 % interval | mean 80 % width (of median) | observed below / above the 80 % interval |");
            output.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var coverage in IntervalCalibration.Coverage(shared).Where(c => c.Indicator != "total"))
            {
                var width = shared.Where(c => c.Indicator == coverage.Indicator && c.Horizon == coverage.HorizonYears && c.Region != ProjectionIntervals.AllRegions).Average(c => c.RelativeWidth80);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {coverage.Indicator} | {coverage.Cases} | {coverage.HorizonYears} | {coverage.In80Percent:0.0} % | {coverage.In95Percent:0.0} % | {100 * width:0.00} % | {coverage.Below80} / {coverage.Above80} |"));
            }
        }

        IReadOnlyList<IntervalCoverage> municipalCoverage = [];
        IReadOnlyList<int> municipalBases = [];
        if (settings.MunicipalTotals is not null)
        {
            municipalBases = YearRange.Parse(settings.MunicipalBases, "--municipal-bases");
            var municipalities = ScbExtractCsv.ReadMunicipalTotals(settings.MunicipalTotals, settings.County);
            // With --out, the file's own local scale (checked above); else the one asked for, or the shipped model's.
            var localScale = recorded?.MigrationLocal?.Scale ?? settings.LocalScale ?? (shipped ?? UncertaintyFile.Read(DefaultPaths.Uncertainty)).MigrationLocal?.Scale ?? UncertaintyFile.DefaultLocalMigrationScale;
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The municipalities of county {settings.County}, known by their totals ({municipalities.Count}), bases {municipalBases[0]}–{municipalBases[^1]}, each municipality's own migration × {localScale}:"));
            output.WriteLine();
            output.WriteLine("| model | cases | horizon | in 80 % interval | in 95 % interval | mean 80 % width (of median) | observed below / above the 80 % interval |");
            output.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var (label, withLocal) in new[] { ("with each municipality's own deviation", true), ("as if each were a county", false) })
            {
                var checks = IntervalCalibration.RunMunicipal(data, "00", settings.County, municipalities, municipalBases, horizons, breaks, options, nationalScale, regionalScale, localScale, withLocal);
                var coverages = IntervalCalibration.Coverage(checks, IntervalCoverage.Municipalities);
                municipalCoverage = withLocal ? coverages : municipalCoverage;
                foreach (var coverage in coverages)
                {
                    var width = checks.Where(c => c.Horizon == coverage.HorizonYears).Average(c => c.RelativeWidth80);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {coverage.Cases} | {coverage.HorizonYears} | {coverage.In80Percent:0.0} % | {coverage.In95Percent:0.0} % | {100 * width:0.00} % | {coverage.Below80} / {coverage.Above80} |"));
                }
            }
        }

        if (recorded is not null)
        {
            recorded.Coverage = new UncertaintyFile.CoverageSection
            {
                Description = UncertaintyFile.CoverageDescription,
                Bases = string.Create(CultureInfo.InvariantCulture, $"{firstBase}–{lastBase}"),
                MunicipalBases = municipalBases.Count == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{municipalBases[0]}–{municipalBases[^1]}"),
                MunicipalCounty = municipalBases.Count == 0 ? null : settings.County,
                Trajectories = settings.Trajectories,
                Seed = settings.RandomSeed,
                Entries = [.. IntervalCalibration.Coverage(shared), .. municipalCoverage],
            };
            UncertaintyFile.Write(recorded, settings.Out!);
            terminal.MessageConsole.MarkupLineInterpolated($"Recorded the coverage of {recorded.Coverage.Entries.Count} indicator-horizons in [bold]{settings.Out}[/].");
        }

        return ExitCodes.Success;
    }
}
