using Microsoft.Extensions.Options;

namespace Projection.Api.Hosting;

public static class CrossOrigin
{
    public const string Policy = "configured-origins";

    /// <summary>
    /// Browsers on the origins in <see cref="ProjectionServiceOptions.AllowedOrigins"/> (the
    /// infographic's own site) may call the API; no origin is allowed unless configured. Reads only
    /// need GET; the origins may also POST custom projections (JSON bodies need a preflight).
    /// </summary>
    public static IServiceCollection AddProjectionCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<ProjectionServiceOptions>>((cors, projection) =>
                cors.AddPolicy(Policy, policy => policy
                    .WithOrigins([.. projection.Value.AllowedOrigins])
                    .WithMethods("GET", "POST", "DELETE")
                    .WithHeaders("Content-Type", "X-Api-Key", "If-None-Match")
                    .WithExposedHeaders("ETag", "Location", "Retry-After")));
        return services;
    }
}
