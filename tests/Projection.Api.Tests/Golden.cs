using Projection.Tests;

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
            File.WriteAllText(RepositoryFiles.PathOf(Path.Combine("tests", "Projection.Api.Tests", "Golden", name)), actual);
            return actual;
        }

        return File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name));
    }
}
