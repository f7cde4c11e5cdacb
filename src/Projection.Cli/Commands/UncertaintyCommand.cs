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

/// <summary><c>projection uncertainty</c>: estimates the stochastic projections' uncertainty model from SCB's county series and writes models/uncertainty.json.</summary>
internal sealed class UncertaintyCommand(Terminal terminal) : Command<UncertaintyCommand.Settings>
{
    public sealed class Settings : CountySeriesSettings
    {
        [CommandOption("--first-year <YEAR>")]
        [DefaultValue(1969)]
        public int FirstYear { get; init; } = 1969;

        [CommandOption("--last-year <YEAR>")]
        [DefaultValue(2015)]
        public int LastYear { get; init; } = 2015;

        [CommandOption("--national-migration-scale <FACTOR>")]
        [Description("Factor on the nation's migration innovations (docs/accuracy.md).")]
        [DefaultValue(UncertaintyFile.DefaultNationalMigrationScale)]
        public double NationalMigrationScale { get; init; } = UncertaintyFile.DefaultNationalMigrationScale;

        [CommandOption("--regional-migration-scale <FACTOR>")]
        [Description("Factor on the regions' migration innovations, chosen by projection calibrate (docs/accuracy.md).")]
        [DefaultValue(UncertaintyFile.DefaultRegionalMigrationScale)]
        public double RegionalMigrationScale { get; init; } = UncertaintyFile.DefaultRegionalMigrationScale;

        [CommandOption("--municipal-totals <FILE>")]
        [Description("Yearly totals of one county's municipalities (region,region_name,year,sex,age,value; shared/data/scb/vastmanland_municipal_population_total.csv): estimates how much further a municipality's migration strays than its county's, by size (docs/method.md §11). Without it, a municipality varies as a county does.")]
        public string? MunicipalTotals { get; init; }

        [CommandOption("--local-migration-scale <FACTOR>")]
        [Description("Factor on a municipality's own migration innovations, chosen by projection calibrate --municipal-totals (docs/accuracy.md).")]
        [DefaultValue(UncertaintyFile.DefaultLocalMigrationScale)]
        public double LocalMigrationScale { get; init; } = UncertaintyFile.DefaultLocalMigrationScale;

        [CommandOption("--county <CODE>")]
        [Description("The county whose municipalities --municipal-totals holds.")]
        [DefaultValue("19")]
        public string County { get; init; } = "19";

        [CommandOption("--other-municipal-totals <FILE>")]
        [Description("Totals by sex of every county's municipalities for a few years (shared/data/scb-kommun/population_31dec2001_2004_total_by_sex.csv): the σ and β of the municipalities outside --county, with --municipal-totals' φ (docs/method.md §11). Without it, --county's serve every county.")]
        public string? OtherMunicipalTotals { get; init; }

        [CommandOption("-o|--out <FILE>")]
        [DefaultValue("models/uncertainty.json")]
        public string Out { get; init; } = "models/uncertainty.json";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var breaks = BoundaryBreaks.Parse(settings.Breaks);
        var counties = CountySeriesCsv.ReadDirectory(settings.Data, PopulationLayout.Default);
        var model = UncertaintyEstimator.Estimate(counties, "00", settings.FirstYear, settings.LastYear, breaks, UncertaintyFile.CountySeriesData);
        var document = UncertaintyFile.FromModel(
            model,
            UncertaintyFile.Description,
            UncertaintyFile.CountySeriesData,
            settings.FirstYear,
            settings.LastYear,
            counties.Keys.Order(StringComparer.Ordinal),
            breaks.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Region}:{b.FirstYear}")),
            settings.NationalMigrationScale,
            settings.RegionalMigrationScale);
        if (settings.MunicipalTotals is not null)
        {
            var municipalities = ScbExtractCsv.ReadMunicipalTotals(settings.MunicipalTotals, settings.County);
            var local = UncertaintyEstimator.EstimateLocal(municipalities, settings.FirstYear, settings.LastYear);
            document.MigrationLocal = UncertaintyFile.Local(local.Process, local.ReferencePopulation, local.SizeExponent, string.Create(CultureInfo.InvariantCulture, $"SCB municipal totals of county {settings.County}'s {local.Municipalities} municipalities ({Path.GetFileName(settings.MunicipalTotals)}), {settings.FirstYear}–{settings.LastYear}"), settings.LocalMigrationScale);
            document.MigrationLocal.County = settings.County;
            if (settings.OtherMunicipalTotals is not null)
            {
                document.MigrationLocal.OtherCounties = UncertaintyFile.OtherCounties(settings.OtherMunicipalTotals, document.MigrationLocal, settings.County);
            }
        }
        else if (settings.OtherMunicipalTotals is not null)
        {
            throw new InvalidInputException(new Dictionary<string, string[]> { ["--other-municipal-totals"] = ["needs --municipal-totals, whose long series gives the persistence φ."] });
        }

        var console = terminal.MessageConsole;
        // The coverage recorded by projection calibrate --out stays true when the scales stay (a municipality's own
        // deviation's too, and its presence): the calibration estimates the model anew from each base year's own
        // years, so these parameters do not enter it.
        var before = File.Exists(settings.Out) ? UncertaintyFile.Read(settings.Out) : null;
        if (before?.MigrationLocal is not null && document.MigrationLocal is null)
        {
            console.MarkupLineInterpolated($"{settings.Out} had a municipality's own migration deviation; without --municipal-totals it is dropped and a municipality varies as a county does.");
        }

        if (before?.Coverage is { } coverage)
        {
            if (before.NationalMigrationScale == document.NationalMigrationScale && before.RegionalMigrationScale == document.RegionalMigrationScale
                && before.MigrationLocal?.Scale == document.MigrationLocal?.Scale)
            {
                document.Coverage = coverage;
            }
            else
            {
                console.MarkupLineInterpolated($"The coverage recorded in {settings.Out} was for other migration scales and is dropped: run projection calibrate --out {settings.Out} again.");
            }
        }

        UncertaintyFile.Write(document, settings.Out);
        console.MarkupLineInterpolated($"Wrote [bold]{settings.Out}[/] from {counties.Count} series, {settings.FirstYear}–{settings.LastYear}.");
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "component", "national φ", "national σ", "regional φ", "regional σ", "national sd at 10 y", "at 30 y" })
        {
            table.AddColumn(column);
        }

        foreach (var (name, component) in new[] { ("fertility (log)", document.Fertility), ("mortality (log)", document.Mortality), ("net migration (per person)", document.Migration) })
        {
            table.AddRow(
                name,
                F(component.National.Persistence),
                F(component.National.InnovationSd),
                F(component.Regional.Persistence),
                F(component.Regional.InnovationSd),
                F(component.National.SdAfter(10)),
                F(component.National.SdAfter(30)));
        }

        console.Write(table);
        return ExitCodes.Success;
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
