using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Projection.Scb;

/// <summary>Registers the SCB client: options bound from <c>Scb</c>, one shared pacer, and the resilience pipeline on the typed HttpClient.</summary>
public static class ScbServiceCollectionExtensions
{
    public static IServiceCollection AddScbClient(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<ScbClientOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(ScbClientOptions.Section));
        }

        options.Validate(o => o.MaxRetries >= 0 && o.AttemptTimeout > TimeSpan.Zero && o.TotalTimeout >= o.AttemptTimeout, "Scb: retries must be ≥ 0 and the total timeout at least one attempt's.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CallPacer>();
        services.TryAddSingleton<FetchCounters>();
        services.AddHttpClient<ScbClient>((provider, http) =>
            {
                http.BaseAddress = provider.GetRequiredService<IOptions<ScbClientOptions>>().Value.BaseUrl;

                // The resilience pipeline owns time: no HttpClient timeout underneath it.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler("scb", (builder, context) =>
                ScbResilience.Configure(
                    builder,
                    context.ServiceProvider.GetRequiredService<IOptions<ScbClientOptions>>().Value,
                    context.ServiceProvider.GetRequiredService<TimeProvider>(),
                    context.ServiceProvider.GetRequiredService<FetchCounters>(),
                    context.ServiceProvider.GetRequiredService<CallPacer>()));
        return services;
    }
}
