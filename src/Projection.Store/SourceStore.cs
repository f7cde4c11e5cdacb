using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Data.Common;
using Projection.Files;
using Projection.Scb;

namespace Projection.Store;

/// <summary>A source table as kept in the store, with its provenance.</summary>
/// <param name="Name">What it is for the service: population, births, deaths, migration.</param>
/// <param name="Region">The region the fetch was for (a county and its municipalities).</param>
/// <param name="Origin">fetched, imported or seeded.</param>
/// <param name="Query">The query as sent (or the file it was imported from).</param>
/// <param name="Updated">SCB's own "updated" time of the table.</param>
/// <param name="FetchedAt">When it was fetched or imported.</param>
/// <param name="ContentHash">SHA-256 of the table's content: a refresh with the same hash changes nothing.</param>
/// <param name="Table">The table itself.</param>
public sealed record StoredTable(string Name, string Region, string Origin, string Query, DateTimeOffset? Updated, DateTimeOffset FetchedAt, string ContentHash, ScbTable Table);

/// <summary>What <see cref="SourceStore.Save"/> did.</summary>
/// <summary>One table to store: its name (population, births, …), region, origin (fetched, imported, seeded), the query that made it, and the table.</summary>
public sealed record TableToSave(string Name, string Region, string Origin, string Query, ScbTable Table);

public enum SaveOutcome
{
    Added,
    Replaced,
    Unchanged,
}

/// <summary>
/// The source tables with their provenance, in the store (an SQLite file in WAL mode, or
/// PostgreSQL). A save is one transaction: a refresh that fails leaves the previous table as it
/// was, and one whose content is unchanged writes nothing.
/// </summary>
public sealed class SourceStore
{
    private readonly StoreFile _file;

    public SourceStore(string path)
    {
        _file = new StoreFile(path, new StoreMigration("source_tables-1", """
            CREATE TABLE IF NOT EXISTS source_tables (
                name TEXT NOT NULL,
                region TEXT NOT NULL,
                origin TEXT NOT NULL,
                table_id TEXT NOT NULL,
                query TEXT NOT NULL,
                updated TEXT NULL,
                fetched_at TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                cells INTEGER NOT NULL,
                body TEXT NOT NULL,
                PRIMARY KEY (name, region)
            )
            """));
    }

    /// <summary>The SHA-256 of a table's content (dimensions, codes, values), independent of when it was fetched.</summary>
    public static string HashOf(ScbTable table) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonStat2.Write(table with { Updated = null }))));

    /// <summary>Stores a table in one transaction; the same content again changes nothing.</summary>
    public SaveOutcome Save(string name, string region, string origin, string query, ScbTable table, DateTimeOffset fetchedAt) =>
        SaveAll([new TableToSave(name, region, origin, query, table)], fetchedAt)[0];

    /// <summary>
    /// Stores several tables in one transaction: all of them or, if anything fails (or the process
    /// is killed), none — so a fetch never leaves a store that mixes its tables with an older fetch's.
    /// A table whose content is already there is left unchanged.
    /// </summary>
    public IReadOnlyList<SaveOutcome> SaveAll(IReadOnlyList<TableToSave> tables, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(tables);
        using var connection = _file.Open();
        using var transaction = connection.BeginTransaction();
        var outcomes = new List<SaveOutcome>();
        foreach (var (name, region, origin, query, table) in tables)
        {
            ArgumentNullException.ThrowIfNull(table);
            var hash = HashOf(table);
            using var find = connection.CreateCommand();
            find.Transaction = transaction;
            find.CommandText = "SELECT content_hash FROM source_tables WHERE name = @name AND region = @region";
            find.Add("@name", name);
            find.Add("@region", region);
            var existing = find.ExecuteScalar() as string;
            if (existing == hash)
            {
                outcomes.Add(SaveOutcome.Unchanged);
                continue;
            }

            using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO source_tables (name, region, origin, table_id, query, updated, fetched_at, content_hash, cells, body)
                VALUES (@name, @region, @origin, @table, @query, @updated, @fetched, @hash, @cells, @body)
                ON CONFLICT (name, region) DO UPDATE SET origin = excluded.origin, table_id = excluded.table_id, query = excluded.query,
                    updated = excluded.updated, fetched_at = excluded.fetched_at, content_hash = excluded.content_hash, cells = excluded.cells, body = excluded.body
                """;
            upsert.Add("@name", name);
            upsert.Add("@region", region);
            upsert.Add("@origin", origin);
            upsert.Add("@table", table.TableId);
            upsert.Add("@query", query);
            upsert.Add("@updated", table.Updated is { } updated ? updated.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value);
            upsert.Add("@fetched", fetchedAt.ToString("O", CultureInfo.InvariantCulture));
            upsert.Add("@hash", hash);
            upsert.Add("@cells", table.Values.Length);
            upsert.Add("@body", JsonStat2.Write(table));
            upsert.ExecuteNonQuery();
            outcomes.Add(existing is null ? SaveOutcome.Added : SaveOutcome.Replaced);
        }

        transaction.Commit();
        return outcomes;
    }

    /// <summary>Every stored table, without re-reading their bodies' provenance elsewhere.</summary>
    public IReadOnlyList<StoredTable> List()
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, region, origin, query, updated, fetched_at, content_hash, body FROM source_tables ORDER BY region, name";
        using var reader = command.ExecuteReader();
        var tables = new List<StoredTable>();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            tables.Add(new StoredTable(
                name,
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
                reader.GetString(6),
                JsonStat2.Parse(reader.GetString(7), $"stored {name}")));
        }

        return tables;
    }

    /// <summary>
    /// The regions whose tables were fetched or imported (not seeded from the embedded default),
    /// without reading the tables: whether a county has SCB's own tables is asked for each county, often.
    /// </summary>
    public IReadOnlyList<string> FetchedRegions()
    {
        using var connection = _file.Open();
        using var command = connection.Command("SELECT DISTINCT region FROM source_tables WHERE origin <> @seeded ORDER BY region", [("@seeded", "seeded")]);
        using var reader = command.ExecuteReader();
        var regions = new List<string>();
        while (reader.Read())
        {
            regions.Add(reader.GetString(0));
        }

        return regions;
    }

    /// <summary>
    /// A short hash of which tables the store holds and their content (not their bodies): it
    /// changes when any process saves a table, so that every service instance on a shared store
    /// can tell cheaply that its data are stale.
    /// </summary>
    public string Fingerprint()
    {
        using var connection = _file.Open();
        using var command = connection.Command("SELECT name, region, content_hash FROM source_tables ORDER BY name, region", []);
        using var reader = command.ExecuteReader();
        var text = new StringBuilder();
        while (reader.Read())
        {
            text.Append(reader.GetString(0)).Append('|').Append(reader.GetString(1)).Append('|').Append(reader.GetString(2)).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>True when the store takes a write (the API's readiness check: saving scenarios, runs and refreshes needs it).</summary>
    public bool IsWritable() => _file.CanWrite();

    /// <summary>Where the store is, as it may be shown (a file's path, or a database without its password).</summary>
    public string Describe() => StoreLocations.Describe(_file.Location);

    /// <summary>True when the store answers a query (the API's readiness check).</summary>
    public bool IsReady()
    {
        try
        {
            _file.Execute("SELECT count(*) FROM source_tables;");
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }
}
