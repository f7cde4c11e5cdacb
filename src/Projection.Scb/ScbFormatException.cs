namespace Projection.Scb;

/// <summary>A response that is not what SCB's API promises: truncated, malformed, an HTML page, or a table whose layout changed. Nothing from it is stored.</summary>
public sealed class ScbFormatException : Exception
{
    public ScbFormatException()
    {
    }

    public ScbFormatException(string message)
        : base(message)
    {
    }

    public ScbFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
