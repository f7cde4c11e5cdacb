using Microsoft.Data.Sqlite;
using Projection.Files;

namespace Projection.Store;

/// <summary>
/// The store's one SQLite file, shared by the source tables, saved scenarios, runs and batch
/// jobs: created with its folder on first use, in WAL mode (readers do not block the writer),
/// each of its tables created if missing. Writers wait up to a minute for another process's lock.
/// </summary>
internal sealed class StoreFile
{
    private readonly string _connectionString;

    public StoreFile(string path, string createTables)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 60 }.ToString();
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            Execute("PRAGMA journal_mode=WAL;");
            using (var connection = Open())
            using (var check = connection.CreateCommand())
            {
                // quick_check reads every page's structure: a file damaged on disk is found here, not by the request that meets it.
                check.CommandText = "PRAGMA quick_check;";
                if (check.ExecuteScalar() as string is { } verdict && verdict != "ok")
                {
                    throw new StoreUnavailableException(path, $"it is damaged ({verdict}). Restore it from a backup, or move it away and start again: a new store is seeded from the embedded default, and `projection fetch` brings SCB's tables back.");
                }
            }

            Execute(createTables);
        }
        catch (SqliteException e)
        {
            throw new StoreUnavailableException(path, $"{e.Message.TrimEnd('.')}. If it is not an SQLite file or is damaged, move it away and start again (a new store is seeded from the embedded default); if it is read-only, give the service write access to it and its folder.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException(path, $"{e.Message.TrimEnd('.')}. Give the service write access to the folder, or choose another path (Projection:StorePath, or --db).", e);
        }
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>True when <paramref name="table"/> has <paramref name="column"/> (for additive schema changes).</summary>
    public bool HasColumn(string table, string column)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$column", column);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Runs one statement with its parameters; returns the rows changed.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }
}
