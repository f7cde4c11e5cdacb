using System.ComponentModel;
using System.Globalization;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary><c>projection seed</c>: regenerates seeds/vastmanland.json from the SCB extracts in a shared data directory.</summary>
internal sealed class SeedCommand : Command<SeedCommand.Settings>
{
    public sealed class Settings : SharedDataSettings
    {
        [CommandOption("-o|--out <FILE>")]
        [Description("Where to write the seed.")]
        [DefaultValue("seeds/vastmanland.json")]
        public string Out { get; init; } = "seeds/vastmanland.json";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (document, model) = SeedBuilder.Build(settings.SharedData);
        SeedFile.Write(document, settings.Out);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
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
}
