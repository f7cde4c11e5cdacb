namespace Projection.Application;

/// <summary>
/// Where the store is when nobody says: the same file for the service and the command line, so
/// that what one door saves (scenarios, runs, fetched tables) the other sees. Overridden by the
/// environment variable <see cref="EnvironmentVariable"/>, and per door by <c>--db</c> or
/// <c>Projection:StorePath</c>.
/// </summary>
public static class StoreLocation
{
    public const string EnvironmentVariable = "PROJECTION_STORE";

    /// <summary>
    /// <c>$PROJECTION_STORE</c>, else <c>projection/projection.db</c> in the user's data folder
    /// (<c>$XDG_DATA_HOME</c> or <c>~/.local/share</c> on Linux, <c>%LOCALAPPDATA%</c> on Windows),
    /// else — with no home folder at all — <c>data/projection.db</c> under the working directory.
    /// </summary>
    public static string Default
    {
        get
        {
            if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
            {
                return configured;
            }

            var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return string.IsNullOrEmpty(data) ? Path.Combine("data", "projection.db") : Path.Combine(data, "projection", "projection.db");
        }
    }
}
