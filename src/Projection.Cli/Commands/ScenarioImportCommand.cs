using System.ComponentModel;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary>
/// <c>projection scenario import FILE</c>: saves a scenario file in the store, where the service
/// (GET /api/v1/scenarios, ?scenario=NAME) and every batch find it by name.
/// </summary>
internal sealed class ScenarioImportCommand(Terminal terminal) : Command<ScenarioImportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("A scenario file (docs/scenarios.md); its name is the name it is saved under.")]
        public string File { get; init; } = "";

        [CommandOption("--db <PATH>")]
        [Description("The store; default: the one the service uses (PROJECTION_STORE, or the user's data folder).")]
        public string? Db { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var scenario = ScenarioFile.Read(settings.File);
            scenario.ToScenario().Validate();
            var db = settings.Db ?? DefaultPaths.Store;
            if (ScenarioFile.ReadDirectory(DefaultPaths.Scenarios).ContainsKey(scenario.Name) || !new ScenarioStore(db).TryAdd(scenario, DateTimeOffset.UtcNow))
            {
                terminal.Messages.WriteLine($"projection scenario import: a scenario named '{scenario.Name}' exists already; rename it in {settings.File}. Nothing was saved.");
                return ExitCodes.InvalidInput;
            }

            terminal.Messages.WriteLine($"Saved scenario '{scenario.Name}' in {db}: the service and batches find it by that name.");
            return ExitCodes.Success;
        }
        catch (InvalidInputException e)
        {
            terminal.Messages.WriteLine($"projection scenario import: {settings.File}: {e.Message} Nothing was saved.");
            return ExitCodes.InvalidInput;
        }
        catch (InvalidDataFileException e)
        {
            terminal.Messages.WriteLine($"projection scenario import: {e.Message} Nothing was saved.");
            return ExitCodes.InvalidData;
        }
    }
}
