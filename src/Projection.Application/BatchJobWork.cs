using System.Collections.Concurrent;
using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Application;

/// <summary>
/// One worker's share of the batch queue in the store, the same for the service's background
/// worker and <c>projection worker</c>. Workers share batches run by run: each run is claimed
/// with a lease (<see cref="BatchJobStore.ClaimRun"/>) that its worker renews while computing
/// it; a worker that dies loses its runs when their leases run out and another takes them; each
/// run is stored once, by its content hash. Any number of workers, in any number of processes on
/// any number of machines, may share one store (PostgreSQL for more than one machine).
/// </summary>
public sealed class BatchJobWork(BatchJobStore jobs, RunStore runs, TimeProvider time, string worker, TimeSpan? lease = null)
{
    /// <summary>How many times a run is claimed before its batch is given up: a run that took its process down this often (out of memory, a crash) would otherwise do so at every start.</summary>
    public const int MaxAttempts = 3;

    /// <summary>The default lease: how long a claim holds without renewal; a worker that dies loses its run to another after this.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(2);

    /// <summary>This worker's lease (renewed a third of the way through it).</summary>
    public TimeSpan Lease { get; } = lease ?? DefaultLease;

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    /// <summary>This worker's name in the store's claims.</summary>
    public string Worker { get; } = worker;

    /// <summary>A new worker name: the machine, the process and a random part.</summary>
    public static string NewWorkerName() => $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Stops this worker's run of a job at once (the job store already says it is to be cancelled).</summary>
    public void Cancel(string jobId)
    {
        if (_running.TryGetValue(jobId, out var cancellation))
        {
            cancellation.Cancel();
        }
    }

    /// <summary>What a worker reports as it goes.</summary>
    public interface IReport
    {
        void RunStored(BatchJob job, string run, string runId);

        void JobEnded(BatchJob job, string state, string? reason);

        void JobFailed(BatchJob job, Exception exception);
    }

    /// <summary>
    /// Takes up the oldest batches with work left and computes every run of theirs that nobody
    /// else holds; ends a batch whose runs are all stored (completed), asked to stop (cancelled),
    /// whose run stopped its process <see cref="MaxAttempts"/> times, or whose data no longer fit
    /// it (failed). Returns true when it did anything, false when there was nothing to take up (so
    /// the caller waits). When <paramref name="stopping"/> ends it, the run in hand is given back.
    /// </summary>
    public async Task<bool> WorkAsync(Func<RunData> data, IReport? report, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(data);
        var worked = false;
        RunData? runData = null;
        foreach (var job in jobs.Workable())
        {
            stopping.ThrowIfCancellationRequested();
            try
            {
                runData ??= data();
                worked |= await WorkOnAsync(job, runData, report, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (e is InvalidInputException or InvalidDataFileException)
            {
                // The data or scenarios changed since the batch was accepted.
                End(job, BatchJobStore.Failed, e.Message, report);
                worked = true;
            }
            catch (Exception e)
            {
                // Anything else fails this batch, never the worker; the report logs the exception (not shown to clients).
                report?.JobFailed(job, e);
                End(job, BatchJobStore.Failed, "an internal error stopped the batch; its finished runs are kept. The worker's log has the details.", report);
                worked = true;
            }
        }

        return worked;
    }

    private async Task<bool> WorkOnAsync(BatchJob job, RunData data, IReport? report, CancellationToken stopping)
    {
        var worked = jobs.Start(job.Id, time.GetUtcNow());
        var specifications = BatchRuns.Resolve(BatchFile.Deserialize(job.Document, $"batch {job.Id}"), data);
        var runner = new BatchRunner(runs, data);
        foreach (var run in specifications.Where(r => !job.Runs.ContainsKey(r.Name)))
        {
            var current = jobs.Find(job.Id);
            if (current is null || current.State is not (BatchJobStore.Running or BatchJobStore.Queued) || current.CancelRequested)
            {
                break;
            }

            if (current.Runs.ContainsKey(run.Name) || jobs.ClaimRun(job.Id, run.Name, Worker, time.GetUtcNow(), Lease) is not { } attempt)
            {
                continue;
            }

            worked = true;
            if (attempt > MaxAttempts)
            {
                End(job, BatchJobStore.Failed, $"its run '{run.Name}' was started {MaxAttempts} times without finishing (its process stopped while it ran); not tried again. Its finished runs are kept; split it into smaller batches or run it with the command line.", report);
                return true;
            }

            if (await ComputeAsync(job, run, runner, report, stopping) is false)
            {
                return true;
            }
        }

        var after = jobs.Find(job.Id);
        if (after is not null && after.State == BatchJobStore.Running)
        {
            if (after.CancelRequested)
            {
                worked |= End(job, BatchJobStore.Cancelled, null, report);
            }
            else if (specifications.All(r => after.Runs.ContainsKey(r.Name)))
            {
                worked |= End(job, BatchJobStore.Completed, null, report);
            }
        }

        return worked;
    }

    /// <summary>Computes one claimed run while renewing its lease; false when the job was cancelled meanwhile.</summary>
    private async Task<bool> ComputeAsync(BatchJob job, RunSpecification run, BatchRunner runner, IReport? report, CancellationToken stopping)
    {
        using var cancelled = new CancellationTokenSource();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancelled.Token);
        _running[job.Id] = cancelled;
        var renewal = RenewWhileRunningAsync(job.Id, run.Name, cancelled, work.Token);
        try
        {
            var outcome = await Task.Run(() => runner.Run(run, job.Name, 0, work.Token), work.Token);
            jobs.FinishRun(job.Id, run.Name, outcome.Id, time.GetUtcNow());
            report?.RunStored(job, run.Name, outcome.Id);
            return true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            jobs.ReleaseRun(job.Id, run.Name, Worker);
            throw;
        }
        catch (OperationCanceledException)
        {
            // Cancelled (asked for, or the lease was lost): give the run back; a cancelled job is ended by whoever sees it.
            jobs.ReleaseRun(job.Id, run.Name, Worker);
            if (jobs.Find(job.Id)?.CancelRequested == true)
            {
                End(job, BatchJobStore.Cancelled, null, report);
            }

            return false;
        }
        finally
        {
            _running.TryRemove(job.Id, out _);
            await work.CancelAsync();
            await renewal;
        }
    }

    private bool End(BatchJob job, string state, string? error, IReport? report)
    {
        var from = jobs.Find(job.Id)?.State;
        if (from is not (BatchJobStore.Running or BatchJobStore.Queued) || !jobs.SetStateIf(job.Id, from, state, time.GetUtcNow(), error))
        {
            return false;
        }

        report?.JobEnded(job, state, error);
        return true;
    }

    /// <summary>Renews the run's lease a third of the way through it until the work ends; cancels the run when the lease was lost or the job is to stop.</summary>
    private async Task RenewWhileRunningAsync(string jobId, string runName, CancellationTokenSource cancel, CancellationToken token)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Lease / 3, time, token);
                if (!jobs.RenewRun(jobId, runName, Worker, time.GetUtcNow(), Lease) || jobs.Find(jobId)?.CancelRequested == true)
                {
                    await cancel.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }
}
