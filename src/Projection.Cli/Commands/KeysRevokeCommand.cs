using System.ComponentModel;
using Projection.Store;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary><c>projection keys revoke ID</c>: the key opens nothing from now on; what it made stays.</summary>
internal sealed class KeysRevokeCommand(Terminal terminal) : Command<KeysRevokeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The key's id, as `projection keys list` shows it.")]
        public string Id { get; init; } = "";

        [CommandOption("--db <PATH>")]
        [Description("The store; default: the one the service uses.")]
        public string? Db { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!new ApiKeyStore(settings.Db ?? DefaultPaths.Store).Revoke(settings.Id))
        {
            terminal.Messages.WriteLine($"projection keys revoke: there is no key '{settings.Id}'; `projection keys list` shows them.");
            return ExitCodes.InvalidInput;
        }

        terminal.Messages.WriteLine($"Revoked key {settings.Id}.");
        return ExitCodes.Success;
    }
}
