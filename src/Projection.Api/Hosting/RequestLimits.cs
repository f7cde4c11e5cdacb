using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Projection.Api.Hosting;

/// <summary>
/// Limits on what one client may ask for: each expensive endpoint has a fixed window per client
/// (by remote address), answered with 429, problem details and Retry-After.
/// </summary>
public static class RequestLimits
{
    /// <summary>Custom projections and saved scenarios (POST): <see cref="ProjectionServiceOptions.CustomProjectionsPerMinute"/> per client.</summary>
    public const string CustomProjections = "custom-projections";

    /// <summary>Stochastic GETs (with <c>trajectories</c>) and batches: <see cref="ProjectionServiceOptions.StochasticRequestsPerMinute"/> per client; plain GETs are not limited here (the output cache answers them).</summary>
    public const string Stochastic = "stochastic";

    public static IServiceCollection AddProjectionRequestLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(CustomProjections, context => PerClient(context, Options(context).CustomProjectionsPerMinute));
            options.AddPolicy(Stochastic, context =>
                context.Request.Method == HttpMethods.Get && !context.Request.Query.ContainsKey("trajectories")
                    ? RateLimitPartition.GetNoLimiter("plain")
                    : PerClient(context, Options(context).StochasticRequestsPerMinute));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests of this kind.", Detail = "Wait for the time in Retry-After, or run large sets with the command line (projection batch)." },
                });
            };
        });
        return services;
    }

    private static ProjectionServiceOptions Options(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<ProjectionServiceOptions>>().Value;

    private static RateLimitPartition<string> PerClient(HttpContext context, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
