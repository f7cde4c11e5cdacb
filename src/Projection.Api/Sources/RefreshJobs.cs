using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Projection.Api.Projections;
using Projection.Application;
using Projection.Core;
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

    /// <summary>Refuses fetched tables the service could not project from, before they replace the ones it has.</summary>
    private void CheckUsable(IReadOnlyList<TableToSave> fetched)
    {
        var now = time.GetUtcNow();
        var merged = store.List()
            .Where(kept => !fetched.Any(f => f.Name == kept.Name && f.Region == kept.Region))
            .Concat(fetched.Select(f => new StoredTable(f.Name, f.Region, f.Origin, f.Query, f.Table.Updated, now, SourceStore.HashOf(f.Table), f.Table)))
            .ToList();
        if (catalog.WhyNotUsable(merged) is { } reason)
        {
            throw new ScbFormatException($"The fetched tables cannot be projected from: {reason}. Nothing was stored.");
        }
    }

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
                var skipped = new SkippedTables();
                var fetched = await new ScbFetcher(client, store, time).FetchAsync(options.Value.RefreshRegion, options.Value.RefreshFromYear, sources, skipped, stoppingToken, CheckUsable);
                catalog.RefreshWarning = null;
                catalog.Reload(store);
                await cache.EvictByTagAsync(ProjectionsApi.CachePolicy, stoppingToken);
                _jobs[id] = _jobs[id] with
                {
                    State = "succeeded",
                    FinishedAt = time.GetUtcNow(),
                    Tables = [.. fetched.Select(f => $"{f.Name} ({f.TableId}): {f.Outcome.ToString().ToLowerInvariant()}, {f.Cells} cells"), .. skipped.Lines],
                };
            }
            catch (Exception e) when (e is ScbRequestException or ScbFormatException or HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
            {
                Log.RefreshFailed(logger, e, id);
                var failedAt = time.GetUtcNow();
                _jobs[id] = _jobs[id] with { State = "failed", FinishedAt = failedAt, Error = e.Message + " The store keeps what it had." };
                catalog.RefreshWarning = new Provenance(
                    Provenance.Warning,
                    "SCB (refresh)",
                    $"The refresh of {failedAt:yyyy-MM-dd HH:mm} UTC failed ({e.Message}); the projections are from the data the service had before.",
                    null);
                await cache.EvictByTagAsync(ProjectionsApi.CachePolicy, stoppingToken);
            }
        }
    }

    /// <summary>Keeps the fetch's lines about tables SCB does not have (yet), for the job's status.</summary>
    private sealed class SkippedTables : IProgress<string>
    {
        public List<string> Lines { get; } = [];

        public void Report(string value)
        {
            if (value.EndsWith("skipped", StringComparison.Ordinal))
            {
                Lines.Add(value);
            }
        }
    }
}
