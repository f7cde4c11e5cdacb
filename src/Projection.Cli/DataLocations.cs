using Projection.Files;
using Projection.Store;
using Spectre.Console;

namespace Projection.Cli;

/// <summary>
/// The directories and stores an option names, checked as README's exit codes say: an option left
/// out is an invalid argument (2); a directory or store named but not there is data that cannot be
/// read (3), as a missing scenario or seed file already was.
/// </summary>
internal static class DataLocations
{
    /// <summary>Success when <paramref name="directory"/> exists; an argument error when it was not given.</summary>
    /// <exception cref="InvalidDataFileException">The directory was named and is not there.</exception>
    public static ValidationResult RequireDirectory(string option, string? directory, string what)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            return ValidationResult.Error($"{option}: give the directory of {what}.");
        }

        return Directory.Exists(directory) ? ValidationResult.Success() : throw new InvalidDataFileException($"{option}: directory '{directory}' not found.");
    }

    /// <summary>Success when <paramref name="store"/> is a PostgreSQL connection string (the server answers or not when it is opened) or a store file that exists.</summary>
    /// <exception cref="InvalidDataFileException">A store file that is not there.</exception>
    public static ValidationResult RequireStore(string option, string store) =>
        StoreLocations.IsPostgres(store) || File.Exists(store) ? ValidationResult.Success() : throw new InvalidDataFileException($"{option}: store '{store}' not found.");
}
