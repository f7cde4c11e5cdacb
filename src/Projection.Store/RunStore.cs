using System.Globalization;
using System.Text.Json;
using System.Data.Common;
using Projection.Files;

namespace Projection.Store;

/// <summary>A finished run as kept in the store: citable by its id (the content hash), with what it was asked and what it gave.</summary>
/// <param name="Id">The run's content hash: the first 16 hex digits of a SHA-256 of everything its numbers depend on (data version, regions, assumptions, trajectories, seed, engine version).</param>
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

    private readonly StoreFile _file;

    public RunStore(string path)
    {
        _file = new StoreFile(path, new StoreMigration("runs-1", """
            CREATE TABLE IF NOT EXISTS runs (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                batch TEXT NOT NULL,
                created_at TEXT NOT NULL,
                data_version TEXT NOT NULL,
                specification TEXT NOT NULL,
                projections TEXT NOT NULL
            )
            """));
    }

    /// <summary>Saves a finished run; false when a run with its id is already stored (nothing is written then).</summary>
    public bool TryAdd(StoredRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return _file.Execute(
            """
            INSERT INTO runs (id, name, batch, created_at, data_version, specification, projections)
            VALUES (@id, @name, @batch, @created, @data, @specification, @projections) ON CONFLICT (id) DO NOTHING
            """,
            ("@id", run.Id),
            ("@name", run.Name),
            ("@batch", run.Batch),
            ("@created", run.CreatedAt.ToString("O", CultureInfo.InvariantCulture)),
            ("@data", run.DataVersion),
            ("@specification", JsonSerializer.Serialize(run.Specification, Json)),
            ("@projections", JsonSerializer.Serialize(run.Projections, Json))) == 1;
    }

    public StoredRun? Find(string id)
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, batch, created_at, data_version, specification, projections FROM runs WHERE id = @id";
        command.Add("@id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader, withProjections: true) : null;
    }

    /// <summary>True when a run with this id is stored.</summary>
    public bool Contains(string id)
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM runs WHERE id = @id";
        command.Add("@id", id);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Every stored run, newest first, without their projections.</summary>
    public IReadOnlyList<StoredRun> List()
    {
        using var connection = _file.Open();
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

    private static StoredRun Read(DbDataReader reader, bool withProjections) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
        reader.GetString(4),
        JsonSerializer.Deserialize<RunSpecification>(reader.GetString(5), Json)!,
        withProjections ? JsonSerializer.Deserialize<List<ProjectionResponse>>(reader.GetString(6), Json)! : []);
}
