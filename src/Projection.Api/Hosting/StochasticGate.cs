using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Projection.Api.Hosting;

/// <summary>
/// Stochastic computations take their turn here: at most <see cref="ProjectionServiceOptions.StochasticConcurrency"/>
/// at once, <see cref="ProjectionServiceOptions.StochasticQueue"/> waiting, any more refused with
/// <see cref="ServiceBusyException"/> (a 503 with Retry-After). So a crowd asking for new seeds
/// cannot take every core and all the memory from health checks and cached reads.
/// </summary>
public sealed class StochasticGate(IOptions<ProjectionServiceOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.StochasticConcurrency,
        QueueLimit = options.Value.StochasticQueue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>Runs <paramref name="work"/> when its turn comes, on a pool thread.</summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new ServiceBusyException("Too many stochastic projections are being computed; try again shortly, or submit a batch.", TimeSpan.FromSeconds(5));
        }

        return await Task.Run(work, cancellationToken);
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>The service has no room for this work now; the client should try again after <see cref="RetryAfter"/>.</summary>
public sealed class ServiceBusyException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
