using System.Collections.Concurrent;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Api.Batches;

/// <summary>
/// Works through submitted batches one at a time, oldest first, in the background. Jobs live in
/// the store: at start the worker picks up a job left running by a stopped or crashed process,
/// and its runs already stored are found by their content hash rather than computed again.
/// </summary>
public sealed partial class BatchWorker(BatchJobStore jobs, RunStore runs, ProjectionCatalog catalog, TimeProvider time, ILogger<BatchWorker> logger) : BackgroundService
{
    /// <summary>How many times a job is started before it is given up: a job that took the process down this often (out of memory, a crash) would otherwise take it down at every start.</summary>
    public const int MaxAttempts = 3;

    /// <summary>How often the store is checked for work when nobody signals (another process may have added a job).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _signal = new(0);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    /// <summary>Wakes the worker after a job was submitted.</summary>
    public void Notify() => _signal.Release();

    /// <summary>Stops the job's current run at once (the job store already says it is to be cancelled).</summary>
    public void Cancel(string id)
    {
        if (_running.TryGetValue(id, out var cancellation))
        {
            cancellation.Cancel();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            BatchJob? job;
            try
            {
                job = jobs.NextActive();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store cannot be read now (readiness says so); try again later rather than stop the host.
                StoreUnavailable(logger, e);
                job = null;
            }

            if (job is null)
            {
                try
                {
                    await _signal.WaitAsync(PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            await RunJobAsync(job, stoppingToken);
        }
    }

    private async Task RunJobAsync(BatchJob job, CancellationToken stoppingToken)
    {
        if (job.CancelRequested)
        {
            jobs.SetState(job.Id, BatchJobStore.Cancelled, time.GetUtcNow());
            return;
        }

        if (job.State == BatchJobStore.Running)
        {
            Resuming(logger, job.Id, job.Runs.Count);
        }

        var attempt = jobs.StartAttempt(job.Id, time.GetUtcNow());
        if (attempt > MaxAttempts)
        {
            jobs.SetState(job.Id, BatchJobStore.Failed, time.GetUtcNow(), $"started {MaxAttempts} times without finishing (the service stopped while it ran); not tried again. Its finished runs are kept; split it into smaller batches or run it with the command line.");
            return;
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _running[job.Id] = cancellation;
        try
        {
            var data = catalog.RunData();
            var specifications = BatchRuns.Resolve(BatchFile.Deserialize(job.Document, $"batch {job.Id}"), data);
            var runner = new BatchRunner(runs, data);
            foreach (var run in specifications)
            {
                if (jobs.Find(job.Id)?.CancelRequested == true)
                {
                    break;
                }

                var outcome = await Task.Run(() => runner.Run(run, job.Name, 0, cancellation.Token), cancellation.Token);
                jobs.RecordRun(job.Id, run.Name, outcome.Id, time.GetUtcNow());
            }

            jobs.SetState(job.Id, jobs.Find(job.Id)?.CancelRequested == true ? BatchJobStore.Cancelled : BatchJobStore.Completed, time.GetUtcNow());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The service is stopping: the job stays running and is resumed at the next start, and this start does not count against it.
            jobs.ForgiveAttempt(job.Id);
        }
        catch (OperationCanceledException)
        {
            jobs.SetState(job.Id, BatchJobStore.Cancelled, time.GetUtcNow());
        }
        catch (Exception e) when (e is InvalidInputException or InvalidDataFileException)
        {
            // The data or scenarios changed since the batch was accepted.
            jobs.SetState(job.Id, BatchJobStore.Failed, time.GetUtcNow(), e.Message);
        }
        catch (Exception e)
        {
            // Anything else fails this job, never the host; the reason is logged, not shown to clients.
            JobFailed(logger, e, job.Id);
            jobs.SetState(job.Id, BatchJobStore.Failed, time.GetUtcNow(), "an internal error stopped the batch; its finished runs are kept. The service's log has the details.");
        }
        finally
        {
            _running.TryRemove(job.Id, out _);
        }
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {Id} failed.")]
    private static partial void JobFailed(ILogger logger, Exception exception, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The batch queue could not be read from the store; trying again shortly.")]
    private static partial void StoreUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming batch {Id}, left running with {Finished} runs finished.")]
    private static partial void Resuming(ILogger logger, string id, int finished);
}
