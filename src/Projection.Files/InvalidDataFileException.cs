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
}
