namespace Projection.Tests;

/// <summary>
/// Finds the project's shared reference data (SCB extracts), which lives beside the
/// repository in <c>shared/data</c> and is not copied into it. Tests that need a file are
/// ignored with a message saying so where it is absent. PROJECTION_SHARED_DATA overrides the search.
/// </summary>
internal static class SharedData
{
    public static string? Directory { get; } = Find();

    public static string PathOrIgnore(string relativePath)
    {
        var path = Directory is null ? null : Path.Combine(Directory, relativePath);
        if (path is null || !File.Exists(path))
        {
            Assert.Ignore($"Shared reference data '{relativePath}' not found (looked for shared/data beside the repository, or PROJECTION_SHARED_DATA).");
        }

        return path!;
    }

    private static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PROJECTION_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return System.IO.Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
