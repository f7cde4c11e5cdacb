using System.Text.RegularExpressions;
using Spectre.Console.Cli.Testing;

namespace Projection.Cli.Tests;

/// <summary>The program as a newcomer meets it at a terminal: every verb in `--help` says what it does, `--version` names the build, and an image is not poured onto the screen.</summary>
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

    [Test]
    public void A_png_is_not_written_to_a_terminal()
    {
        using var output = new StringWriter();
        using var messages = new StringWriter();
        using var bytes = new MemoryStream();
        string[] arguments = ["run", "--format", "png", "--chart", "components"];
        var app = new CommandAppTester();
        app.Configure(config => CliApp.Configure(config, new Terminal(output, messages, () => bytes, outputRedirected: false), arguments));

        var result = app.Run(arguments);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(messages.ToString(), Does.Contain("--format: png is an image: send it to a file"));
        Assert.That(bytes.Length, Is.Zero, "nothing written to the terminal");
    }

    [GeneratedRegex(@"^    (?<name>[a-z][a-z-]*)(?: <[A-Z]+>)?(?<description>.*)$")]
    private static partial Regex CommandLine();
}
