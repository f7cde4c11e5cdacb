using Microsoft.Extensions.Diagnostics.HealthChecks;
using Projection.Application;
using Projection.Files;
using Projection.Store;

namespace Projection.Api.Health;

/// <summary>
/// Ready when the store answers a query and takes a write: a store that only reads would let the
/// service answer projections but fail every save (scenarios, batches, refreshes) with a 500.
/// </summary>
public sealed class StoreHealthCheck(SourceStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!store.IsReady())
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The store ({store.Describe()}) does not answer."));
        }

        return Task.FromResult(store.IsWritable()
            ? HealthCheckResult.Healthy("The store answers and takes writes.")
            : HealthCheckResult.Unhealthy($"The store ({store.Describe()}) answers but cannot be written (a read-only file or database, a full disk, or a user without write access): saving scenarios, batches and refreshes would fail."));
    }
}
