namespace Projection.Tests;

/// <summary>Finds files of this repository (seeds/, models/) from the test's output directory.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = Find();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Projection.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Projection.sln not found above the test directory.");
    }
}
