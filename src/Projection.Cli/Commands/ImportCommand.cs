using System.ComponentModel;
using Projection.Scb;
using Projection.Storage;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary><c>projection import FILE...</c>: json-stat2 files saved from SCB's Statistikdatabasen → the store. All or nothing per file.</summary>
internal sealed class ImportCommand : Command<ImportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILES>")]
        [Description("json-stat2 files, each named for what it holds: population, births, deaths or migration (e.g. population-19.json).")]
        public string[] Files { get; init; } = [];

        [CommandOption("--region <CODE>")]
        [DefaultValue("19")]
        public string Region { get; init; } = "19";

        [CommandOption("--db <PATH>")]
        public string? Db { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // Read and check every file before storing any of them.
        var tables = new List<(string Name, string File, ScbTable Table)>();
        foreach (var file in settings.Files)
        {
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"projection import: {file}: file not found. Nothing was stored.");
                return ExitCodes.InvalidData;
            }

            var name = ScbSources.Defaults.Select(s => s.Name).FirstOrDefault(n => Path.GetFileName(file).StartsWith(n, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                Console.Error.WriteLine($"projection import: {file}: the file name must start with population, births, deaths or migration. Nothing was stored.");
                return ExitCodes.InvalidInput;
            }

            try
            {
                tables.Add((name, file, JsonStat2.Parse(File.ReadAllText(file), file)));
            }
            catch (ScbFormatException e)
            {
                Console.Error.WriteLine($"projection import: {e.Message} Nothing was stored.");
                return ExitCodes.InvalidData;
            }
        }

        var store = new SourceStore(settings.Db ?? DefaultPaths.Store);
        foreach (var (name, file, table) in tables)
        {
            var outcome = store.Save(name, settings.Region, "imported", Path.GetFileName(file), table, DateTimeOffset.UtcNow);
            Console.Error.WriteLine($"{file}: {name}, {table.Values.Length} cells, {outcome.ToString().ToLowerInvariant()}");
        }

        return ExitCodes.Success;
    }
}
