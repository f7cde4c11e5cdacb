namespace Projection.Cli;

/// <summary>Process exit codes: scripts can tell bad input from a failure of the data.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The arguments or an input file were invalid; the message says which.</summary>
    public const int InvalidInput = 2;

    /// <summary>A data file could not be read.</summary>
    public const int InvalidData = 3;
}
