using System.Globalization;
using System.Text.Json;
using System.Data.Common;
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
        _file = new StoreFile(
            path,
            new("batch_jobs-1", """
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
                )
                """),

            // Round 2: how often a job was started, so that one that takes the process down is not started for ever.
            new("batch_jobs-2-attempts", "ALTER TABLE batch_jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0", ("batch_jobs", "attempts")),

            // Round 2: the API key that submitted the job (only its owner or an admin may cancel it).
            new("batch_jobs-3-owner", "ALTER TABLE batch_jobs ADD COLUMN owner TEXT NULL", ("batch_jobs", "owner")),

            // Round 2: several workers share a batch: each run is claimed with a lease that its worker renews.
            new("batch_run_claims-1", """
                CREATE TABLE IF NOT EXISTS batch_run_claims (
                    job_id TEXT NOT NULL,
                    run_name TEXT NOT NULL,
                    worker TEXT NOT NULL,
                    lease_until TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    done INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (job_id, run_name)
                )
                """));
    }

    /// <summary>
    /// The jobs with work left, oldest first: queued, or running (by any number of workers, or
    /// left running by a process that stopped), and not asked to stop. A row that cannot be read
    /// (damaged by hand or by a disk) is marked failed with the reason and passed over, so that it
    /// cannot stop a worker.
    /// </summary>
    public IReadOnlyList<BatchJob> Workable(int most = 16)
    {
        var jobs = new List<BatchJob>();
        var unreadable = new List<string>();
        using (var connection = _file.Open())
        using (var command = connection.Command($"SELECT {Columns} FROM batch_jobs WHERE state IN ('queued', 'running') AND cancel_requested = 0 ORDER BY created_at, id LIMIT @most", [("@most", most)]))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                try
                {
                    jobs.Add(Read(reader));
                }
                catch (Exception e) when (e is FormatException or JsonException or InvalidCastException or ArgumentException)
                {
                    unreadable.Add(reader.GetValue(0)?.ToString() ?? "");
                }
            }
        }

        foreach (var id in unreadable)
        {
            _file.Execute("UPDATE batch_jobs SET state = 'failed', error = 'the stored job could not be read; submit it again.' WHERE id = @id", ("@id", id));
        }

        return jobs;
    }

    /// <summary>How many jobs a key has queued or running (its quota, docs/api.md).</summary>
    public int ActiveOwnedBy(string owner) =>
        Convert.ToInt32(_file.Scalar("SELECT COUNT(*) FROM batch_jobs WHERE owner = @owner AND state IN ('queued', 'running')", ("@owner", owner)) ?? 0, CultureInfo.InvariantCulture);

    /// <summary>Marks a queued job running (its first worker took it up); false when it was not queued.</summary>
    public bool Start(string id, DateTimeOffset now) =>
        _file.Execute("UPDATE batch_jobs SET state = 'running', updated_at = @now WHERE id = @id AND state = 'queued'", ("@id", id), ("@now", Time(now))) == 1;

    /// <summary>
    /// Claims one run of a job for <paramref name="worker"/> until now + <paramref name="lease"/>:
    /// when nobody has claimed it, or its claim ran out (its worker died) and it is not done.
    /// Returns how many times it has been claimed, this time included, or null when another
    /// worker holds it or it is done. Any number of workers in any number of processes may call
    /// this at once: the claim is one INSERT … ON CONFLICT DO UPDATE … WHERE, which PostgreSQL and
    /// SQLite both carry out atomically, so a run is never held by two workers.
    /// </summary>
    public int? ClaimRun(string jobId, string runName, string worker, DateTimeOffset now, TimeSpan lease)
    {
        ArgumentException.ThrowIfNullOrEmpty(worker);
        var attempts = _file.Scalar(
            """
            INSERT INTO batch_run_claims (job_id, run_name, worker, lease_until, attempts, done)
            VALUES (@job, @run, @worker, @until, 1, 0)
            ON CONFLICT (job_id, run_name) DO UPDATE SET worker = excluded.worker, lease_until = excluded.lease_until, attempts = batch_run_claims.attempts + 1
            WHERE batch_run_claims.done = 0 AND batch_run_claims.lease_until < @now
            RETURNING attempts
            """,
            ("@job", jobId),
            ("@run", runName),
            ("@worker", worker),
            ("@until", Time(now + lease)),
            ("@now", Time(now)));
        return attempts is null ? null : Convert.ToInt32(attempts, CultureInfo.InvariantCulture);
    }

    /// <summary>Extends <paramref name="worker"/>'s lease on a run; false when it is no longer the worker's (it ran out and another claimed it).</summary>
    public bool RenewRun(string jobId, string runName, string worker, DateTimeOffset now, TimeSpan lease) =>
        _file.Execute(
            "UPDATE batch_run_claims SET lease_until = @until WHERE job_id = @job AND run_name = @run AND worker = @worker AND done = 0",
            ("@job", jobId),
            ("@run", runName),
            ("@worker", worker),
            ("@until", Time(now + lease))) == 1;

    /// <summary>Gives a run back (its worker is stopping in good order): claimable at once by any worker, and this claim not counted against it.</summary>
    public void ReleaseRun(string jobId, string runName, string worker) =>
        _file.Execute(
            "UPDATE batch_run_claims SET lease_until = '', attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END WHERE job_id = @job AND run_name = @run AND worker = @worker AND done = 0",
            ("@job", jobId),
            ("@run", runName),
            ("@worker", worker));

    /// <summary>Records a finished run of the job and marks its claim done, in one transaction.</summary>
    public void FinishRun(string jobId, string runName, string runId, DateTimeOffset now)
    {
        using var connection = _file.Open();
        using var transaction = connection.BeginTransaction();
        RecordRun(connection, transaction, jobId, runName, runId, now);
        using var done = connection.Command("UPDATE batch_run_claims SET done = 1 WHERE job_id = @job AND run_name = @run", [("@job", jobId), ("@run", runName)]);
        done.Transaction = transaction;
        done.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>Moves a job from one state to another; false when it was not in <paramref name="from"/> (another worker or a cancellation moved it first).</summary>
    public bool SetStateIf(string id, string from, string to, DateTimeOffset now, string? error = null) =>
        _file.Execute(
            "UPDATE batch_jobs SET state = @to, updated_at = @now, error = @error WHERE id = @id AND state = @from",
            ("@id", id),
            ("@from", from),
            ("@to", to),
            ("@now", Time(now)),
            ("@error", error)) == 1;

    public BatchJob Add(string name, string document, DateTimeOffset now, string? owner = null)
    {
        var job = new BatchJob(Guid.NewGuid().ToString("N"), name, document, Queued, now, now, false, null, new Dictionary<string, string>(), owner);
        _file.Execute(
            "INSERT INTO batch_jobs (id, name, document, state, created_at, updated_at, owner) VALUES (@id, @name, @document, @state, @now, @now, @owner)",
            ("@id", job.Id), ("@name", name), ("@document", document), ("@state", Queued), ("@now", Time(now)), ("@owner", owner));
        return job;
    }

    public BatchJob? Find(string id)
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM batch_jobs WHERE id = @id";
        command.Add("@id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public void SetState(string id, string state, DateTimeOffset now, string? error = null) =>
        _file.Execute("UPDATE batch_jobs SET state = @state, updated_at = @now, error = @error WHERE id = @id", ("@id", id), ("@state", state), ("@now", Time(now)), ("@error", error));

    /// <summary>Records a finished run of the job.</summary>
    public void RecordRun(string id, string runName, string runId, DateTimeOffset now)
    {
        using var connection = _file.Open();
        using var transaction = connection.BeginTransaction();
        RecordRun(connection, transaction, id, runName, runId, now);
        transaction.Commit();
    }

    private void RecordRun(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string id, string runName, string runId, DateTimeOffset now)
    {
        // Several workers finish runs of one job: on PostgreSQL the row is locked while its list of
        // runs is read and written back (SQLite's immediate transaction already holds the store).
        using var read = connection.Command($"SELECT runs FROM batch_jobs WHERE id = @id{(_file.IsPostgres ? " FOR UPDATE" : "")}", [("@id", id)]);
        read.Transaction = transaction;
        var runs = JsonSerializer.Deserialize<Dictionary<string, string>>(read.ExecuteScalar() as string ?? "{}") ?? [];
        runs[runName] = runId;
        using var write = connection.Command("UPDATE batch_jobs SET runs = @runs, updated_at = @now WHERE id = @id", [("@id", id), ("@runs", JsonSerializer.Serialize(runs)), ("@now", Time(now))]);
        write.Transaction = transaction;
        write.ExecuteNonQuery();
    }

    /// <summary>Asks for a job to stop: a queued job is cancelled at once, a running one after its current run stops. False when there is no such job.</summary>
    public bool RequestCancel(string id, DateTimeOffset now)
    {
        return _file.Execute(
            """
            UPDATE batch_jobs SET cancel_requested = 1, updated_at = @now,
                state = CASE state WHEN 'queued' THEN 'cancelled' ELSE state END
            WHERE id = @id
            """,
            ("@id", id),
            ("@now", Time(now))) == 1;
    }

    private const string Columns = "id, name, document, state, created_at, updated_at, cancel_requested, error, runs, owner";

    private static BatchJob Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
        reader.Long(6) != 0,
        reader.IsDBNull(7) ? null : reader.GetString(7),
        JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(8)) ?? [],
        reader.IsDBNull(9) ? null : reader.GetString(9));

    // Always UTC, so that the text of two times compares as the times do (lease_until < @now).
    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
