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
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 60 }.ToString();
        Execute("PRAGMA journal_mode=WAL;");
        Execute(createTables);
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
