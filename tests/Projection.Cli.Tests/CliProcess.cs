using System.Diagnostics;
using Projection.Tests;

namespace Projection.Cli.Tests;

/// <summary>Runs the real `projection` program (built beside the tests) and captures what it prints and returns.</summary>
internal static class CliProcess
{
    public sealed record Outcome(int ExitCode, string Out, string Error);

    /// <summary>
    /// The program in its own output folder (built as a reference of this project, same
    /// configuration): there its runtimeconfig and deps are its own, and the embedded seeds beside it.
    /// </summary>
    public static string ProgramPath { get; } = FindProgram();

    public static Outcome Run(params string[] arguments) => RunIn(AppContext.BaseDirectory, arguments);

    private static string FindProgram()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        return RepositoryFiles.PathOf(Path.Combine("src", "Projection.Cli", "bin", configuration, framework, "projection.dll"));
    }

    public static Outcome RunIn(string workingDirectory, params string[] arguments) => RunWithStore(workingDirectory, Path.Combine(workingDirectory, "data", "projection.db"), arguments);

    /// <summary>Runs with <c>PROJECTION_STORE</c> set, as a user who points both doors at one store does.</summary>
    public static Outcome RunWithStore(string workingDirectory, string store, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(ProgramPath);

        // The default store of a test run is its own, never the user's (docs: PROJECTION_STORE).
        start.Environment["PROJECTION_STORE"] = store;
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
