using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Projection.Api.Health;

/// <summary>Degraded while the last refresh from SCB could not be used: the service answers, from the data it had before.</summary>
public sealed class DataHealthCheck(ProjectionCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog.RefreshWarning is { } warning
            ? HealthCheckResult.Degraded(warning.Method ?? "The last refresh from SCB failed.")
            : HealthCheckResult.Healthy($"Projecting from {catalog.DataSource}."));
}
