using Microsoft.Extensions.Diagnostics.HealthChecks;
using Projection.Application;
using Projection.Files;
using Projection.Store;

namespace Projection.Api.Health;

/// <summary>Ready when the store answers a query.</summary>
public sealed class StoreHealthCheck(SourceStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.IsReady() ? HealthCheckResult.Healthy("The store answers.") : HealthCheckResult.Unhealthy("The store does not answer."));
}
