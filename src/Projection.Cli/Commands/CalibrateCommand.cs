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
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var bases = YearRange.Parse(settings.Bases, "--bases");
        var (firstBase, lastBase) = (bases[0], bases[^1]);

        var horizons = settings.Horizons.Split(',').Select(h => int.Parse(h, CultureInfo.InvariantCulture)).ToList();
        var data = CountySeriesCsv.ReadDirectory(settings.Data, PopulationLayout.Default);
        var breaks = BoundaryBreaks.Parse(settings.Breaks).Select(b => (b.Region, b.FirstYear)).ToList();
        var shipped = settings.NationalScale is null || settings.RegionalScale is null ? UncertaintyFile.Read(DefaultPaths.Uncertainty) : null;
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
            foreach (var group in groups)
            {
                foreach (var horizon in horizons)
                {
                    var at = shared.Where(c => c.Indicator == group.Name && c.Horizon == horizon && c.Region != ProjectionIntervals.AllRegions).ToList();
                    var below = at.Count(c => c.Observed < c.Interval[1]);
                    var above = at.Count(c => c.Observed > c.Interval[3]);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {group.Name} | {at.Count} | {horizon} | {100.0 * at.Count(c => c.In80) / at.Count:0.0} % | {100.0 * at.Count(c => c.In95) / at.Count:0.0} % | {100 * at.Average(c => c.RelativeWidth80):0.00} % | {below} / {above} |"));
                }
            }
        }

        return ExitCodes.Success;
    }
}
