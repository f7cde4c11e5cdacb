using Spectre.Console;

namespace Projection.Cli;

/// <summary>
/// Where a command writes: its result (JSON, CSV, a table, a key) to standard output, and
/// messages, warnings and progress to standard error — so that a piped result never carries a
/// message and a live progress bar never interleaves with it. Injected into every command;
/// tests give it writers and run the commands in-process (CommandAppTester).
/// </summary>
public sealed class Terminal
{
    private readonly Func<Stream> _openOutput;

    public Terminal(TextWriter output, TextWriter messages, Func<Stream> openOutput, bool outputRedirected)
    {
        Output = output;
        Messages = messages;
        _openOutput = openOutput;
        OutputRedirected = outputRedirected;
        OutputConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        MessageConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(messages) });
    }

    /// <summary>The process's own standard output and error.</summary>
    public static Terminal System() => new(Console.Out, Console.Error, Console.OpenStandardOutput, Console.IsOutputRedirected);

    /// <summary>The result, as text.</summary>
    public TextWriter Output { get; }

    /// <summary>Messages: what was done, warnings, errors.</summary>
    public TextWriter Messages { get; }

    /// <summary>The result as Spectre markup (the run table).</summary>
    public IAnsiConsole OutputConsole { get; }

    /// <summary>Messages as Spectre markup, tables and live progress.</summary>
    public IAnsiConsole MessageConsole { get; }

    /// <summary>True when the result goes to a file or a pipe, not a person: no colours or wrapping then.</summary>
    public bool OutputRedirected { get; }

    /// <summary>The result as bytes (a CSV with its byte order mark, byte for byte as the service sends it).</summary>
    public Stream OpenOutput() => _openOutput();
}
