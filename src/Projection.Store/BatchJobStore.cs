using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Projection.Files;

namespace Projection.Store;

/// <summary>A batch submitted to the service, as kept in the store.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Name">The batch's name.</param>
/// <param name="Document">The batch as submitted (JSON).</param>
/// <param name="State">queued, running, completed, cancelled or failed.</param>
/// <param name="CreatedAt">When it was submitted.</param>
/// <param name="UpdatedAt">When its state last changed.</param>
/// <param name="CancelRequested">True once cancellation was asked for.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Runs">Finished runs: the run's name in the batch → its id in the run store.</param>
/// <param name="Owner">The id of the API key that submitted it (null: the command line, or before keys).</param>
public sealed record BatchJob(string Id, string Name, string Document, string State, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool CancelRequested, string? Error, IReadOnlyDictionary<string, string> Runs, string? Owner = null);

/// <summary>
/// The service's batch jobs, in the store's SQLite file so that they outlive the process: a job
/// that was running when the service stopped (or crashed) is still "running" at the next start
/// and is picked up again; its finished runs are in the run store and are not computed again.
/// </summary>
public sealed class BatchJobStore
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    private readonly StoreFile _file;

    public BatchJobStore(string path)
    {
        _file = new StoreFile(path, """
            CREATE TABLE IF NOT EXISTS batch_jobs (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                document TEXT NOT NULL,
                state TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                cancel_requested INTEGER NOT NULL DEFAULT 0,
                error TEXT NULL,
                runs TEXT NOT NULL DEFAULT '{}'
            );
            """);

        // Added in round 2: how often a job was started, so that one that takes the process down is not started for ever.
        if (!_file.HasColumn("batch_jobs", "attempts"))
        {
            _file.Execute("ALTER TABLE batch_jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0");
        }

        // Added in round 2: the API key that submitted the job (only its owner or an admin may cancel it).
        if (!_file.HasColumn("batch_jobs", "owner"))
        {
            _file.Execute("ALTER TABLE batch_jobs ADD COLUMN owner TEXT NULL");
        }
    }

    /// <summary>Uncounts a start that ended because the service was stopped in good order (not the job's fault).</summary>
    public void ForgiveAttempt(string id) =>
        _file.Execute("UPDATE batch_jobs SET attempts = MAX(0, attempts - 1) WHERE id = $id", ("$id", id));

    /// <summary>Marks the job running and counts the start; returns how many times it has been started, this one included.</summary>
    public int StartAttempt(string id, DateTimeOffset now)
    {
        _file.Execute("UPDATE batch_jobs SET state = 'running', updated_at = $now, attempts = attempts + 1 WHERE id = $id", ("$id", id), ("$now", Time(now)));
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT attempts FROM batch_jobs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return Convert.ToInt32(command.ExecuteScalar() ?? 0, CultureInfo.InvariantCulture);
    }

    public BatchJob Add(string name, string document, DateTimeOffset now, string? owner = null)
    {
        var job = new BatchJob(Guid.NewGuid().ToString("N"), name, document, Queued, now, now, false, null, new Dictionary<string, string>(), owner);
        _file.Execute(
            "INSERT INTO batch_jobs (id, name, document, state, created_at, updated_at, owner) VALUES ($id, $name, $document, $state, $now, $now, $owner)",
            ("$id", job.Id), ("$name", name), ("$document", document), ("$state", Queued), ("$now", Time(now)), ("$owner", owner));
        return job;
    }

    public BatchJob? Find(string id)
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, document, state, created_at, updated_at, cancel_requested, error, runs, owner FROM batch_jobs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>
    /// The oldest job still to do: queued, or left running by a process that stopped. A row that
    /// cannot be read (damaged by hand or by a disk) is marked failed with the reason and passed
    /// over, so that it cannot stop the worker.
    /// </summary>
    public BatchJob? NextActive()
    {
        while (true)
        {
            string id;
            using (var connection = _file.Open())
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT id, name, document, state, created_at, updated_at, cancel_requested, error, runs, owner FROM batch_jobs WHERE state IN ('queued', 'running') ORDER BY created_at, id LIMIT 1";
                using var reader = command.ExecuteReader();
                if (!reader.Read())
                {
                    return null;
                }

                id = reader.GetValue(0)?.ToString() ?? "";
                try
                {
                    return Read(reader);
                }
                catch (Exception e) when (e is FormatException or JsonException or InvalidCastException or ArgumentException)
                {
                    // Marked below, after this reader's connection is closed.
                }
            }

            _file.Execute("UPDATE batch_jobs SET state = 'failed', error = 'the stored job could not be read; submit it again.' WHERE id = $id", ("$id", id));
        }
    }

    public void SetState(string id, string state, DateTimeOffset now, string? error = null) =>
        _file.Execute("UPDATE batch_jobs SET state = $state, updated_at = $now, error = $error WHERE id = $id", ("$id", id), ("$state", state), ("$now", Time(now)), ("$error", error));

    /// <summary>Records a finished run of the job.</summary>
    public void RecordRun(string id, string runName, string runId, DateTimeOffset now)
    {
        using var connection = _file.Open();
        using var transaction = connection.BeginTransaction();
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT runs FROM batch_jobs WHERE id = $id";
        read.Parameters.AddWithValue("$id", id);
        var runs = JsonSerializer.Deserialize<Dictionary<string, string>>((string?)read.ExecuteScalar() ?? "{}") ?? [];
        runs[runName] = runId;
        using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = "UPDATE batch_jobs SET runs = $runs, updated_at = $now WHERE id = $id";
        write.Parameters.AddWithValue("$id", id);
        write.Parameters.AddWithValue("$runs", JsonSerializer.Serialize(runs));
        write.Parameters.AddWithValue("$now", Time(now));
        write.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>Asks for a job to stop: a queued job is cancelled at once, a running one after its current run stops. False when there is no such job.</summary>
    public bool RequestCancel(string id, DateTimeOffset now)
    {
        return _file.Execute(
            """
            UPDATE batch_jobs SET cancel_requested = 1, updated_at = $now,
                state = CASE state WHEN 'queued' THEN 'cancelled' ELSE state END
            WHERE id = $id
            """,
            ("$id", id),
            ("$now", Time(now))) == 1;
    }

    private static BatchJob Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
        reader.GetInt64(6) != 0,
        reader.IsDBNull(7) ? null : reader.GetString(7),
        JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(8)) ?? [],
        reader.IsDBNull(9) ? null : reader.GetString(9));

    private static string Time(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
