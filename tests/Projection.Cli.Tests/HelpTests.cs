using System.Text.RegularExpressions;
using Spectre.Console.Cli.Testing;

namespace Projection.Cli.Tests;

/// <summary>`projection --help` as a newcomer reads it: every verb says what it does.</summary>
public partial class HelpTests
{
    [TestCase]
    [TestCase("scenario")]
    [TestCase("keys")]
    public void Every_command_in_the_help_says_what_it_does(params string[] branch)
    {
        var arguments = branch.Append("--help").ToArray();
        using var output = new StringWriter();
        using var messages = new StringWriter();
        var app = new CommandAppTester();
        app.Configure(config => CliApp.Configure(config, new Terminal(output, messages, () => Stream.Null, outputRedirected: true), arguments));

        var help = app.Run(arguments).Output;

        // The COMMANDS section: a name (and its arguments) at four spaces, then the description; a wrapped description's next lines start further in.
        var commands = help[(help.IndexOf("COMMANDS:", StringComparison.Ordinal) + "COMMANDS:".Length)..]
            .Split('\n')
            .Where(line => CommandLine().IsMatch(line))
            .Select(line => CommandLine().Match(line))
            .ToList();
        Assert.That(commands, Is.Not.Empty, help);
        Assert.That(commands.Where(c => c.Groups["description"].Value.Trim().Length == 0).Select(c => c.Groups["name"].Value), Is.Empty, help);
    }

    [Test]
    public void Version_names_the_build_and_the_commit_it_was_built_from()
    {
        using var output = new StringWriter();
        using var messages = new StringWriter();
        var app = new CommandAppTester();
        app.Configure(config => CliApp.Configure(config, new Terminal(output, messages, () => Stream.Null, outputRedirected: true), ["--version"]));

        var result = app.Run("--version");

        Assert.That(result.ExitCode, Is.Zero);
        // The SDK writes the commit into the informational version ("1.0.0+<40 hex digits>") when it builds from a git checkout, as CI does.
        Assert.That(result.Output.Trim(), Does.Match(@"^\d+\.\d+\.\d+(\+[0-9a-f]{40})?$"));
    }

    [GeneratedRegex(@"^    (?<name>[a-z][a-z-]*)(?: <[A-Z]+>)?(?<description>.*)$")]
    private static partial Regex CommandLine();
}
