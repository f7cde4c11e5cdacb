using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Projection.Store;

/// <summary>
/// The store's one database, shared by the source tables, saved scenarios, runs, batch jobs and
/// API keys: an SQLite file (the embedded default: created with its folder on first use, in WAL
/// mode, writers waiting up to a minute for another process's lock), or a PostgreSQL database
/// (for several service instances and workers on several machines), chosen by the location
/// (<see cref="StoreLocations.IsPostgres"/>). The SQL is the part both speak (TEXT and BIGINT
/// columns, ON CONFLICT, parameters as @name); each part of the store brings its schema as
/// versioned migrations, applied once each at start (<see cref="StoreMigration"/>).
/// </summary>
internal sealed class StoreFile
{
    private readonly string _connectionString;

    public StoreFile(string location, params StoreMigration[] migrations)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        ArgumentNullException.ThrowIfNull(migrations);
        Location = location;
        IsPostgres = StoreLocations.IsPostgres(location);
        if (IsPostgres)
        {
            _connectionString = StoreLocations.PostgresConnectionString(location);
            try
            {
                Migrate(migrations);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException)
            {
                throw new StoreUnavailableException(StoreLocations.Describe(location), $"{e.Message.TrimEnd('.')}. Check the connection string (Projection:StorePath, PROJECTION_STORE or --db), that the server runs and that the user may create tables.", e);
            }

            return;
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = location, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 60 }.ToString();
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(location));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            Execute("PRAGMA journal_mode=WAL;");

            // quick_check reads every page's structure: a file damaged on disk is found here, not by the request that meets it.
            if (Scalar("PRAGMA quick_check;") as string is { } verdict && verdict != "ok")
            {
                throw new StoreUnavailableException(location, $"it is damaged ({verdict}). Restore it from a backup, or move it away and start again: a new store is seeded from the embedded default, and `projection fetch` brings SCB's tables back.");
            }

            Migrate(migrations);
        }
        catch (SqliteException e)
        {
            throw new StoreUnavailableException(location, $"{e.Message.TrimEnd('.')}. If it is not an SQLite file or is damaged, move it away and start again (a new store is seeded from the embedded default); if it is read-only, give the service write access to it and its folder.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException(location, $"{e.Message.TrimEnd('.')}. Give the service write access to the folder, or choose another path (Projection:StorePath, or --db).", e);
        }
    }

    /// <summary>The path or connection string the store was opened with.</summary>
    public string Location { get; }

    public bool IsPostgres { get; }

    public DbConnection Open()
    {
        DbConnection connection = IsPostgres ? new NpgsqlConnection(_connectionString) : new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs one statement with its parameters; returns the rows changed.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row of a query, or null.</summary>
    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>
    /// True when the store takes a write: a row put into <c>store_probe</c> and rolled back. False
    /// for a read-only file or database, a full disk, or a user without the right to write.
    /// </summary>
    public bool CanWrite()
    {
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            using var probe = connection.Command("INSERT INTO store_probe (checked_at) VALUES (@now)", [("@now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))]);
            probe.Transaction = transaction;
            probe.ExecuteNonQuery();
            transaction.Rollback();
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>
    /// Applies the migrations not yet applied, in order, each once, recorded in
    /// <c>schema_migrations</c>. Safe when several processes start together: on PostgreSQL under
    /// an advisory lock, on SQLite in one immediate (write-locked) transaction. A migration that
    /// adds a column which is already there (a store from before migrations were recorded) is
    /// recorded without being run.
    /// </summary>
    private void Migrate(IReadOnlyList<StoreMigration> migrations)
    {
        using var connection = Open();

        // SQLite: BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) takes the write lock at once.
        using var transaction = connection.BeginTransaction();
        if (IsPostgres)
        {
            // One key for the whole store: migrations of its parts never interleave.
            using var locked = connection.Command("SELECT pg_advisory_xact_lock(7243601)", []);
            locked.Transaction = transaction;
            locked.ExecuteNonQuery();
        }

        Run(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");

        // Where CanWrite puts (and takes back) its row.
        Run(connection, transaction, "CREATE TABLE IF NOT EXISTS store_probe (checked_at TEXT NOT NULL)");
        foreach (var migration in migrations)
        {
            using var applied = connection.Command("SELECT COUNT(*) FROM schema_migrations WHERE id = @id", [("@id", migration.Id)]);
            applied.Transaction = transaction;
            if (Convert.ToInt64(applied.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
            {
                continue;
            }

            if (migration.AddsColumn is not { } column || !HasColumn(connection, transaction, column.Table, column.Column))
            {
                Run(connection, transaction, migration.Sql);
            }

            using var record = connection.Command("INSERT INTO schema_migrations (id, applied_at) VALUES (@id, @now)", [("@id", migration.Id), ("@now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))]);
            record.Transaction = transaction;
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Run(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.Command(sql, []);
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private bool HasColumn(DbConnection connection, DbTransaction transaction, string table, string column)
    {
        var sql = IsPostgres
            ? "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table AND column_name = @column"
            : "SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column";
        using var command = connection.Command(sql, [("@table", table), ("@column", column)]);
        command.Transaction = transaction;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }
}

/// <summary>One step of a part of the store's schema, applied once (<c>schema_migrations</c>).</summary>
/// <param name="Id">A stable name, e.g. "scenarios-1".</param>
/// <param name="Sql">What both databases run.</param>
/// <param name="AddsColumn">The column it adds, so that a store that has it from before migrations were recorded is not altered again.</param>
internal sealed record StoreMigration(string Id, string Sql, (string Table, string Column)? AddsColumn = null);

/// <summary>The few words of ADO.NET the stores use, the same for SQLite and PostgreSQL.</summary>
internal static class StoreCommands
{
    public static DbCommand Command(this DbConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Add(name, value);
        }

        return command;
    }

    public static void Add(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>An integer column as a long, whichever integer type the database gave it.</summary>
    public static long Long(this DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
