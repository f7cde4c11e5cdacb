namespace Projection.Api.Tests;

/// <summary>
/// Golden files in tests/Projection.Api.Tests/Golden. Set PROJECTION_UPDATE_SNAPSHOTS=1 to rewrite
/// them from the current output (then review the difference before committing).
/// </summary>
internal static class Golden
{
    public static string Read(string name, string actual)
    {
        if (Environment.GetEnvironmentVariable("PROJECTION_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), name), actual);
            return actual;
        }

        return File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name));
    }

    private static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Projection.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "Projection.Api.Tests", "Golden");
            }
        }

        throw new InvalidOperationException("Projection.sln not found.");
    }
}
