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
        using var process = Process.Start(StartInfo(workingDirectory, store, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        WaitOrFail(process, arguments);
        return new Outcome(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>As <see cref="RunWithStore"/>, with standard output read as bytes (an image), which must succeed.</summary>
    public static byte[] BytesWithStore(string workingDirectory, string store, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(workingDirectory, store, arguments))!;
        using var bytes = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(bytes);
        WaitOrFail(process, arguments);
        Assert.That(process.ExitCode, Is.Zero, error.Result);
        return bytes.ToArray();
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, string store, string[] arguments)
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

        return start;
    }

    private static void WaitOrFail(Process process, string[] arguments)
    {
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"projection {string.Join(' ', arguments)} did not finish within two minutes.");
        }
    }
}
