namespace Projection.Store;

/// <summary>The store's file cannot be used: not there and not creatable, not SQLite, damaged, or not writable. The message names the file and what to do.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string path, string reason, Exception? inner = null)
        : base($"The store {path} cannot be used: {reason}", inner)
    {
        Path = path;
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }
}
