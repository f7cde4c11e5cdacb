using System.ComponentModel;
using Projection.Application;
using Projection.Files;
using Projection.Scb;
using Projection.Store;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary>
/// <c>projection import FILE...</c>: files saved from SCB's Statistikdatabasen (json-stat2, or the
/// CSV of its download page) → the store. Every file is read and checked before any is stored.
/// </summary>
internal sealed class ImportCommand(Terminal terminal) : Command<ImportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILES>")]
        [Description("json-stat2 or CSV files from Statistikdatabasen. The file name says what it holds (population, births, deaths or migration, e.g. population-19.csv); a CSV whose columns name their content may be named freely.")]
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
        var tables = new List<(string Name, string File, ScbTable Table, IReadOnlyList<string> Remarks)>();
        foreach (var file in settings.Files)
        {
            if (InvalidDataFileException.WhyNotAFile(file) is { } problem)
            {
                terminal.Messages.WriteLine($"projection import: {problem} Nothing was stored.");
                return ExitCodes.InvalidData;
            }

            var name = ScbSources.Defaults.Select(s => s.Name).FirstOrDefault(n => Path.GetFileName(file).StartsWith(n, StringComparison.OrdinalIgnoreCase));
            try
            {
                var bytes = File.ReadAllBytes(file);
                var (table, remarks) = IsJson(file, bytes)
                    ? (JsonStat2.Parse(System.Text.Encoding.UTF8.GetString(bytes), file), [])
                    : StatistikdatabasenCsv.Read(bytes, file, name);
                name ??= StatistikdatabasenCsv.SourceNameOf(table);
                if (name is null)
                {
                    terminal.Messages.WriteLine($"projection import: {file}: the file name must start with population, births, deaths or migration. Nothing was stored.");
                    return ExitCodes.InvalidInput;
                }

                tables.Add((name, file, table, remarks));
            }
            catch (ScbFormatException e)
            {
                terminal.Messages.WriteLine($"projection import: {e.Message} Nothing was stored.");
                return ExitCodes.InvalidData;
            }
        }

        // All files in one transaction: a second file of the same source would replace the first, so say so rather than lose it.
        var twice = tables.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            terminal.Messages.WriteLine($"projection import: {string.Join(" and ", twice.Select(t => t.File))} both hold {twice.Key}; import one file per source (the store keeps one table per source and region). Nothing was stored.");
            return ExitCodes.InvalidInput;
        }

        var store = new SourceStore(settings.Db ?? DefaultPaths.Store);
        var outcomes = store.SaveAll([.. tables.Select(t => new TableToSave(t.Name, settings.Region, "imported", Path.GetFileName(t.File), t.Table))], DateTimeOffset.UtcNow);
        for (var i = 0; i < tables.Count; i++)
        {
            var (name, file, table, remarks) = tables[i];
            terminal.Messages.WriteLine($"{file}: {name}, {table.Values.Length} cells, {outcomes[i].ToString().ToLowerInvariant()}{string.Concat(remarks.Select(r => "; " + r))}");
        }

        return ExitCodes.Success;
    }

    private static bool IsJson(string file, byte[] bytes)
    {
        if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var first = bytes.SkipWhile(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF).FirstOrDefault();
        return !file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && first == (byte)'{';
    }
}
