using Microsoft.Data.Sqlite;

namespace Projection.Tests;

/// <summary>A store file in the temporary folder, deleted with its WAL files when disposed.</summary>
internal sealed class TemporaryStore : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"projection-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
