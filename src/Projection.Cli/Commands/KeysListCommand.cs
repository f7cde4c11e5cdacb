using System.ComponentModel;
using System.Globalization;
using Projection.Store;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary><c>projection keys list</c>: the issued API keys, without their secrets.</summary>
internal sealed class KeysListCommand(Terminal terminal) : Command<KeysListCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--db <PATH>")]
        [Description("The store; default: the one the service uses.")]
        public string? Db { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        foreach (var key in new ApiKeyStore(settings.Db ?? DefaultPaths.Store).List())
        {
            terminal.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key.Id}\t{key.Name}\t{string.Join(' ', key.Scopes)}\t{key.CreatedAt:yyyy-MM-dd}\t{(key.Revoked ? "revoked" : "active")}"));
        }

        return ExitCodes.Success;
    }
}
