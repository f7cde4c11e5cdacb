namespace Projection.Files;

/// <summary>A data file that cannot be read as what it claims to be; the message names the file and line.</summary>
public sealed class InvalidDataFileException : Exception
{
    public InvalidDataFileException()
    {
    }

    public InvalidDataFileException(string message)
        : base(message)
    {
    }

    public InvalidDataFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static InvalidDataFileException At(string file, int line, string problem) =>
        new($"{Path.GetFileName(file)}, line {line}: {problem}");

    /// <summary>Why <paramref name="path"/> cannot be opened as a file (it is not there, or it is a directory), or null when it can.</summary>
    public static string? WhyNotAFile(string path) =>
        File.Exists(path) ? null : Directory.Exists(path) ? $"{path}: a directory, not a file." : $"{path}: file not found.";

    /// <summary>Throws, saying why, when <paramref name="path"/> cannot be opened as a file.</summary>
    /// <exception cref="InvalidDataFileException">It is not there, or it is a directory.</exception>
    public static void ThrowIfNotAFile(string path)
    {
        if (WhyNotAFile(path) is { } problem)
        {
            throw new InvalidDataFileException(problem);
        }
    }
}
