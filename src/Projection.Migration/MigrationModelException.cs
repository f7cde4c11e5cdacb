namespace Projection.Migration;

/// <summary>A migration model file that is missing, corrupt, or not a model of the expected shape.</summary>
public sealed class MigrationModelException : Exception
{
    public MigrationModelException()
    {
    }

    public MigrationModelException(string message)
        : base(message)
    {
    }

    public MigrationModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
