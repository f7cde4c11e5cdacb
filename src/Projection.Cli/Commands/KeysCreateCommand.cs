using System.ComponentModel;
using Projection.Store;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary><c>projection keys create --name NAME [--scope write|admin]</c>: issues an API key for the service's writes; the key is printed once.</summary>
internal sealed class KeysCreateCommand(Terminal terminal) : Command<KeysCreateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--name <NAME>")]
        [Description("Who the key is for (a team, a person, a system); shown in lists, never secret.")]
        public string Name { get; init; } = "";

        [CommandOption("--scope <SCOPE>")]
        [Description("write: save and delete its own scenarios, submit and cancel its own batches. admin: all of that for anyone's.")]
        [DefaultValue(ApiKeyStore.Write)]
        public string Scope { get; init; } = ApiKeyStore.Write;

        [CommandOption("--db <PATH>")]
        [Description("The store; default: the one the service uses (PROJECTION_STORE, or the user's data folder).")]
        public string? Db { get; init; }

        public override Spectre.Console.ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Name) ? Spectre.Console.ValidationResult.Error("--name: say who the key is for.")
            : Scope is not (ApiKeyStore.Write or ApiKeyStore.Admin) ? Spectre.Console.ValidationResult.Error($"--scope must be {ApiKeyStore.Write} or {ApiKeyStore.Admin}, not '{Scope}'.")
            : Spectre.Console.ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (key, secret) = new ApiKeyStore(settings.Db ?? DefaultPaths.Store).Create(settings.Name, [settings.Scope], DateTimeOffset.UtcNow);

        // The key alone on stdout (for scripts); what it is on stderr. It is not kept: the store has its hash.
        terminal.Output.WriteLine(secret);
        terminal.Messages.WriteLine($"Issued key {key.Id} for '{key.Name}' ({settings.Scope}). Send it in the X-Api-Key header; it is shown only now.");
        return ExitCodes.Success;
    }
}
