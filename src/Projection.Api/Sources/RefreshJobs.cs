using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Projection.Api.Projections;
using Projection.Application;
using Projection.Files;
using Projection.Scb;
using Projection.Store;

namespace Projection.Api.Sources;

/// <summary>The state of one refresh from SCB.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="State">queued, running, succeeded or failed.</param>
/// <param name="RequestedAt">When it was asked for.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Tables">Per source: added, replaced or unchanged, with its cells.</param>
/// <param name="Error">Why it failed; the store then keeps what it had.</param>
public sealed record RefreshJob(Guid Id, string State, DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt, IReadOnlyList<string> Tables, string? Error);

/// <summary>Refreshes run one at a time in the background; their states are kept for the status URL.</summary>
public sealed class RefreshJobs(
    IServiceScopeFactory scopes,
    SourceStore store,
    IOptions<ProjectionServiceOptions> options,
    IOutputCacheStore cache,
    ProjectionCatalog catalog,
    TimeProvider time,
    ILogger<RefreshJobs> logger) : BackgroundService
{
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, RefreshJob> _jobs = new();

    public RefreshJob Enqueue()
    {
        var job = new RefreshJob(Guid.NewGuid(), "queued", time.GetUtcNow(), null, [], null);
        _jobs[job.Id] = job;
        _queue.Writer.TryWrite(job.Id);
        return job;
    }

    public RefreshJob? Find(Guid id) => _jobs.TryGetValue(id, out var job) ? job : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            _jobs[id] = _jobs[id] with { State = "running" };
            try
            {
                using var scope = scopes.CreateScope();
                var client = scope.ServiceProvider.GetRequiredService<ScbClient>();
                var sources = scope.ServiceProvider.GetRequiredService<IOptions<ScbClientOptions>>().Value.Sources;
                var fetched = await new ScbFetcher(client, store, time).FetchAsync(options.Value.RefreshRegion, options.Value.RefreshFromYear, sources, null, stoppingToken);
                catalog.Reload(store);
                await cache.EvictByTagAsync(ProjectionsApi.CachePolicy, stoppingToken);
                _jobs[id] = _jobs[id] with
                {
                    State = "succeeded",
                    FinishedAt = time.GetUtcNow(),
                    Tables = fetched.Select(f => $"{f.Name} ({f.TableId}): {f.Outcome.ToString().ToLowerInvariant()}, {f.Cells} cells").ToList(),
                };
            }
            catch (Exception e) when (e is ScbRequestException or ScbFormatException or HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
            {
                Log.RefreshFailed(logger, e, id);
                _jobs[id] = _jobs[id] with { State = "failed", FinishedAt = time.GetUtcNow(), Error = e.Message + " The store keeps what it had." };
            }
        }
    }
}
