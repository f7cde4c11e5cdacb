using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Api.Batches;

/// <summary>
/// Works through submitted batches one at a time, oldest first, in the background, sharing the
/// queue with every other instance and <c>projection worker</c> on the same store
/// (<see cref="BatchJobWork"/>: claims with a lease). A job left running by a stopped or crashed
/// process is claimed again when its lease runs out, and its runs already stored are found by
/// their content hash rather than computed again.
/// </summary>
public sealed partial class BatchWorker(BatchJobStore jobs, RunStore runs, ProjectionCatalog catalog, TimeProvider time, ILogger<BatchWorker> logger) : BackgroundService, BatchJobWork.IReport
{
    /// <summary>How many times a run is started before its batch is given up (<see cref="BatchJobWork.MaxAttempts"/>).</summary>
    public const int MaxAttempts = BatchJobWork.MaxAttempts;

    /// <summary>How often the store is checked for work when nobody signals (another process may have added a job).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _signal = new(0);
    private readonly BatchJobWork _work = new(jobs, runs, time, BatchJobWork.NewWorkerName());

    /// <summary>Wakes the worker after a job was submitted.</summary>
    public void Notify() => _signal.Release();

    /// <summary>Stops this instance's run of the job at once (the job store already says it is to be cancelled; other instances see it within a lease renewal).</summary>
    public void Cancel(string id) => _work.Cancel(id);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool worked;
            try
            {
                worked = await _work.WorkAsync(catalog.RunData, this, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // The service is stopping: the run in hand was given back for any worker to resume.
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store cannot be read now (readiness says so); try again later rather than stop the host.
                StoreUnavailable(logger, e);
                worked = false;
            }

            if (!worked)
            {
                try
                {
                    await _signal.WaitAsync(PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    void BatchJobWork.IReport.RunStored(BatchJob job, string run, string runId)
    {
    }

    void BatchJobWork.IReport.JobEnded(BatchJob job, string state, string? reason) => Ended(logger, job.Id, state);

    void BatchJobWork.IReport.JobFailed(BatchJob job, Exception exception) => JobFailed(logger, exception, job.Id);

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {Id} failed.")]
    private static partial void JobFailed(ILogger logger, Exception exception, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The batch queue could not be read from the store; trying again shortly.")]
    private static partial void StoreUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Id}: {State}.")]
    private static partial void Ended(ILogger logger, string id, string state);
}
