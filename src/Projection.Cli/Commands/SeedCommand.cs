using System.ComponentModel;
using System.Globalization;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary>
/// <c>projection seed</c>: regenerates seeds/vastmanland.json from the SCB extracts in a shared data directory;
/// with <c>--country</c>, the other twenty counties' seeds in seeds/sweden/.
/// </summary>
internal sealed class SeedCommand(Terminal terminal) : Command<SeedCommand.Settings>
{
    public sealed class Settings : SharedDataSettings
    {
        [CommandOption("-o|--out <FILE>")]
        [Description("Where to write the seed.")]
        [DefaultValue("seeds/vastmanland.json")]
        public string Out { get; init; } = "seeds/vastmanland.json";

        [CommandOption("--country")]
        [Description("Write the other twenty counties' seeds (base year 2019, real ages) into the directory --out names (seeds/sweden).")]
        public bool Country { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Country)
        {
            return WriteCountry(settings);
        }

        var (document, model) = SeedBuilder.Build(settings.SharedData);
        SeedFile.Write(document, settings.Out);
        var console = terminal.MessageConsole;
        console.MarkupLineInterpolated($"Wrote [bold]{settings.Out}[/]: base year {model.BaseYear}, {model.Municipalities.Count} municipalities.");
        console.MarkupLineInterpolated($"Levels at {model.BaseYear} relative to {SeedBuilder.RateWindowFirst}–{SeedBuilder.RateWindowLast}: fertility {model.FertilityLevelAtBase:0.000}, mortality {model.MortalityLevelAtBase:0.000}; county TFR {model.CountyTotalFertilityAtBase:0.00}; fit gap {model.ModelGapAtBase:E1}.");
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "code", "name", "total", "fertility level", "mortality level", "net migration/yr", "e0 men", "e0 women" })
        {
            table.AddColumn(column);
        }

        foreach (var m in model.Municipalities)
        {
            var layout = PopulationLayout.Default;
            table.AddRow(
                m.Code,
                m.Name,
                PopulationIndicators.Total(m.BasePopulation).ToString("0", CultureInfo.InvariantCulture),
                m.FertilityLevel.ToString("0.000", CultureInfo.InvariantCulture),
                m.MortalityLevel.ToString("0.000", CultureInfo.InvariantCulture),
                m.NetMigrationPerYear.ToString("0", CultureInfo.InvariantCulture),
                LifeTable.LifeExpectancyFromCohortRates(m.Rates.Mortality.AsSpan(layout.SexOffset(Sex.Male), layout.AgeCount)).ToString("0.0", CultureInfo.InvariantCulture),
                LifeTable.LifeExpectancyFromCohortRates(m.Rates.Mortality.AsSpan(layout.SexOffset(Sex.Female), layout.AgeCount)).ToString("0.0", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        return ExitCodes.Success;
    }

    private int WriteCountry(Settings settings)
    {
        var directory = settings.Out.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "seeds/sweden" : settings.Out;
        Directory.CreateDirectory(directory);
        var counties = CountrySeedBuilder.Build(settings.SharedData);
        var console = terminal.MessageConsole;
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "county", "name", "municipalities", "total 2019", "rates from", "fertility level", "TFR" })
        {
            table.AddColumn(column);
        }

        foreach (var county in counties)
        {
            SeedFile.Write(county.Seed, Path.Combine(directory, CountrySeedBuilder.FileName(county.Seed.County.Code)));
            table.AddRow(
                county.Seed.County.Code,
                county.Seed.County.Name,
                county.Seed.Regions.Count.ToString(CultureInfo.InvariantCulture),
                county.Seed.Regions.Sum(r => r.Population.Men.Sum() + r.Population.Women.Sum()).ToString("0", CultureInfo.InvariantCulture),
                county.OwnSeries ? "own series" : "Sweden's",
                county.FertilityLevel.ToString("0.000", CultureInfo.InvariantCulture),
                county.TotalFertility.ToString("0.00", CultureInfo.InvariantCulture));
        }

        console.MarkupLineInterpolated($"Wrote {counties.Count} county seeds, {counties.Sum(c => c.Seed.Regions.Count)} municipalities, base year {CountrySeedBuilder.BaseYear}, into [bold]{directory}[/].");
        console.Write(table);
        return ExitCodes.Success;
    }
}
