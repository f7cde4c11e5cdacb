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
            var job = jobs.NextActive();
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

        jobs.SetState(job.Id, BatchJobStore.Running, time.GetUtcNow());
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
            // The service is stopping: the job stays running and is resumed at the next start.
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming batch {Id}, left running with {Finished} runs finished.")]
    private static partial void Resuming(ILogger logger, string id, int finished);
}
