using System.Diagnostics;

namespace Projection.Cli.Tests;

/// <summary>Runs the real `projection` program (built beside the tests) and captures what it prints and returns.</summary>
internal static class CliProcess
{
    public sealed record Outcome(int ExitCode, string Out, string Error);

    public static string ProgramPath => Path.Combine(AppContext.BaseDirectory, "projection.dll");

    public static Outcome Run(params string[] arguments) => RunIn(AppContext.BaseDirectory, arguments);

    public static Outcome RunIn(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(ProgramPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"projection {string.Join(' ', arguments)} did not finish within two minutes.");
        }

        return new Outcome(process.ExitCode, output.Result, error.Result);
    }
}
