using Projection.Core;
using Projection.Files;
using Projection.Scb;
using Projection.Store;
using Spectre.Console.Cli;

namespace Projection.Cli;

/// <summary>
/// The one place where a command's error becomes a message and an exit code, for every command:
/// bad input (arguments, Spectre's parse and settings errors among them, a file's content) is exit code 2, data that cannot be read (a file, SCB's
/// tables, the store) is 3, each said as "projection VERB: what and where" on stderr. Commands
/// that add something of their own ("Nothing was run.") catch their own.
/// </summary>
internal static partial class CommandErrors
{
    public static int Report(Exception exception, IReadOnlyList<string> args, Terminal terminal)
    {
        var command = "projection " + Verb(args);
        switch (exception)
        {
            case InvalidInputException or FormatException:
                terminal.Messages.WriteLine($"{command}: {exception.Message}");
                return ExitCodes.InvalidInput;
            case InvalidDataFileException or ScbFormatException or StoreUnavailableException:
                terminal.Messages.WriteLine($"{command}: {exception.Message}");
                return ExitCodes.InvalidData;
            case CommandAppException:
                // Spectre's own: an unknown command or option, a missing argument, a value an option's settings refuse. Invalid arguments too.
                terminal.Messages.WriteLine($"{command}: {Conversion(exception.Message, args, command) ?? exception.Message}");
                return ExitCodes.InvalidInput;
            default:
                terminal.Messages.WriteLine($"{command}: an unexpected error ({exception.GetType().Name}): {exception.Message}");
                return 1;
        }
    }

    /// <summary>
    /// Spectre's "Failed to convert 'many' to Int32." names neither the option nor what it takes;
    /// said instead as "--trajectories: 'many' is not a whole number.", the option read from the
    /// arguments (the one before the value). Null for any other message.
    /// </summary>
    private static string? Conversion(string message, IReadOnlyList<string> args, string command)
    {
        var match = FailedToConvert().Match(message);
        if (!match.Success)
        {
            return null;
        }

        var value = match.Groups["value"].Value;
        var kind = match.Groups["type"].Value switch
        {
            "Int32" or "Int64" => "a whole number",
            "Double" or "Decimal" => "a number",
            "Boolean" => "true or false",
            _ => null, // Spectre names an optional value's type Nullable`1, which says nothing.
        };
        var at = args.ToList().IndexOf(value);
        var option = at > 0 && args[at - 1].StartsWith('-') ? args[at - 1] + ": " : "";
        return kind is null ? $"{option}'{value}' is not a value it takes ({command} --help says what it takes)." : $"{option}'{value}' is not {kind}.";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Failed to convert '(?<value>.*)' to (?<type>[\w`]+)\.?$")]
    private static partial System.Text.RegularExpressions.Regex FailedToConvert();

    /// <summary>The verb as typed: "run", or a branch and its verb ("keys create").</summary>
    private static string Verb(IReadOnlyList<string> args) =>
        args.Count == 0 ? "" : args[0] is "keys" or "scenario" && args.Count > 1 ? $"{args[0]} {args[1]}" : args[0];
}
