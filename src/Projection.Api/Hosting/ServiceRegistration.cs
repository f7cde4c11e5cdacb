using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.ResponseCompression;
using Projection.Api.Batches;
using Projection.Api.Health;
using Projection.Api.Projections;
using Projection.Api.Sources;
using Projection.Scb;

namespace Projection.Api.Hosting;

/// <summary>The service's concerns, one registration each, so that Program.cs reads as their list.</summary>
public static class ServiceRegistration
{
    /// <summary>Data: the options (checked at start), the store, the catalog of counties and scenarios, and the gate of stochastic work (warmed up in the background at start).</summary>
    public static IServiceCollection AddProjectionData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProjectionServiceOptions>()
            .Bind(configuration.GetSection(ProjectionServiceOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddProjectionStore();
        services.AddSingleton<ProjectionCatalog>();
        services.AddSingleton<StochasticGate>();
        services.AddHostedService<IntervalWarmUp>();
        return services;
    }

    /// <summary>
    /// Background work: batches run one at a time (jobs kept in the store and resumed after a
    /// restart), and refreshes of the store from SCB (the typed client's resilience is declared in AddScbClient).
    /// </summary>
    public static IServiceCollection AddProjectionBackgroundWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<BatchWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<BatchWorker>());
        services.AddScbClient(configuration);
        services.AddSingleton<RefreshJobs>();
        services.AddHostedService(provider => provider.GetRequiredService<RefreshJobs>());
        return services;
    }

    /// <summary>Errors as problem details; a request the framework cannot read is thrown, to be answered naming the field.</summary>
    public static IServiceCollection AddProjectionProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>GET projections cached for an hour per query and Accept header (with ETags in the handlers); a reload changes the data version in every key.</summary>
    public static IServiceCollection AddProjectionOutputCache(this IServiceCollection services) =>
        services.AddOutputCache(options =>
            options.AddPolicy(ProjectionsApi.CachePolicy, policy => policy.Expire(TimeSpan.FromHours(1)).SetVaryByQuery("*").SetVaryByHeader("Accept").Tag(ProjectionsApi.CachePolicy)));

    /// <summary>
    /// Responses compressed (Brotli, else gzip, at their default levels) when the client asks: the
    /// regions list is 540 KB of JSON, most of it provenance repeated region by region, and the
    /// explorer page's first view fetched 700 KiB. Over HTTPS too: no response carries a secret
    /// beside text a request put there (the BREACH condition); a key is shown only by the CLI.
    /// </summary>
    public static IServiceCollection AddProjectionResponseCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "image/svg+xml", "text/csv"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = System.IO.Compression.CompressionLevel.Optimal);
        return services;
    }

    /// <summary>Readiness: the store answers and is writable, and the data in use is what the service says.</summary>
    public static IServiceCollection AddProjectionHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]).AddCheck<DataHealthCheck>("data", tags: ["ready"]);
        return services;
    }

    /// <summary>Liveness (the process answers) and readiness (the store and the data).</summary>
    public static IEndpointRouteBuilder MapProjectionHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).WithTags("Health");
        return app;
    }

    /// <summary>The OpenAPI document with every project's XML comments and a description of every operation and parameter.</summary>
    public static IServiceCollection AddProjectionOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new() { Title = "Projection: Hur många blir vi?", Version = "v1", Description = "Population projections for Swedish municipalities (docs/api.md)." });
            foreach (var documentation in Directory.EnumerateFiles(AppContext.BaseDirectory, "Projection.*.xml").Order(StringComparer.Ordinal))
            {
                options.IncludeXmlComments(documentation);
            }

            options.OperationFilter<OpenApiDescriptions>();

            // One document, its operations ungrouped (Swashbuckle's own rule), and HEAD left to its GET's description.
            options.DocInclusionPredicate((document, api) => (api.GroupName is null || api.GroupName == document) && !HttpMethods.IsHead(api.HttpMethod ?? string.Empty));
        });
        return services;
    }
}
