using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Projection.Storage;

/// <summary>A finished run as kept in the store: citable by its id (the content hash), with what it was asked and what it gave.</summary>
/// <param name="Id">The run's content hash (<see cref="RunSpecification.ContentHash"/>).</param>
/// <param name="Name">Its name in the batch that first computed it.</param>
/// <param name="Batch">That batch's name.</param>
/// <param name="CreatedAt">When it finished.</param>
/// <param name="DataVersion">The data it projected from.</param>
/// <param name="Specification">Its regions, assumptions, trajectories and seed.</param>
/// <param name="Projections">One projection per region asked for, with provenance and, when stochastic, intervals.</param>
public sealed record StoredRun(string Id, string Name, string Batch, DateTimeOffset CreatedAt, string DataVersion, RunSpecification Specification, IReadOnlyList<ProjectionResponse> Projections);

/// <summary>
/// Finished runs in the store's SQLite file. A run is written in one transaction when it has
/// finished, so a batch that is interrupted keeps every run it finished and none half-done;
/// saving a run whose id is already there changes nothing.
/// </summary>
public sealed class RunStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly string _connectionString;

    public RunStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 60 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS runs (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                batch TEXT NOT NULL,
                created_at TEXT NOT NULL,
                data_version TEXT NOT NULL,
                specification TEXT NOT NULL,
                projections TEXT NOT NULL
            );
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Saves a finished run; false when a run with its id is already stored (nothing is written then).</summary>
    public bool TryAdd(StoredRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO runs (id, name, batch, created_at, data_version, specification, projections)
            VALUES ($id, $name, $batch, $created, $data, $specification, $projections) ON CONFLICT (id) DO NOTHING
            """;
        command.Parameters.AddWithValue("$id", run.Id);
        command.Parameters.AddWithValue("$name", run.Name);
        command.Parameters.AddWithValue("$batch", run.Batch);
        command.Parameters.AddWithValue("$created", run.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$data", run.DataVersion);
        command.Parameters.AddWithValue("$specification", JsonSerializer.Serialize(run.Specification, Json));
        command.Parameters.AddWithValue("$projections", JsonSerializer.Serialize(run.Projections, Json));
        return command.ExecuteNonQuery() == 1;
    }

    public StoredRun? Find(string id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, batch, created_at, data_version, specification, projections FROM runs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader, withProjections: true) : null;
    }

    /// <summary>True when a run with this id is stored.</summary>
    public bool Contains(string id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM runs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Every stored run, newest first, without their projections.</summary>
    public IReadOnlyList<StoredRun> List()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, batch, created_at, data_version, specification FROM runs ORDER BY created_at DESC, id";
        using var reader = command.ExecuteReader();
        var runs = new List<StoredRun>();
        while (reader.Read())
        {
            runs.Add(Read(reader, withProjections: false));
        }

        return runs;
    }

    private static StoredRun Read(SqliteDataReader reader, bool withProjections) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
        reader.GetString(4),
        JsonSerializer.Deserialize<RunSpecification>(reader.GetString(5), Json)!,
        withProjections ? JsonSerializer.Deserialize<List<ProjectionResponse>>(reader.GetString(6), Json)! : []);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
