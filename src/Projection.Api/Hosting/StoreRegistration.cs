using Microsoft.Extensions.Options;
using Projection.Store;

namespace Projection.Api.Hosting;

public static class StoreRegistration
{
    /// <summary>The parts of the store (sources, scenarios, runs, batch jobs, API keys), all in the one file of <see cref="ProjectionServiceOptions.StorePath"/>.</summary>
    public static IServiceCollection AddProjectionStore(this IServiceCollection services)
    {
        static string PathOf(IServiceProvider provider) => provider.GetRequiredService<IOptions<ProjectionServiceOptions>>().Value.StorePath;
        services.AddSingleton(provider => new SourceStore(PathOf(provider)));
        services.AddSingleton(provider => new ScenarioStore(PathOf(provider)));
        services.AddSingleton(provider => new RunStore(PathOf(provider)));
        services.AddSingleton(provider => new BatchJobStore(PathOf(provider)));
        services.AddSingleton(provider => new ApiKeyStore(PathOf(provider)));
        return services;
    }
}
