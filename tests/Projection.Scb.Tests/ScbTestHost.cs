using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Projection.Scb.Tests;

/// <summary>
/// The SCB client as the service registers it, pointed at the fake. A last handler fails any
/// request that would leave 127.0.0.1: nothing reaches the internet by accident.
/// </summary>
internal sealed class ScbTestHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public ScbTestHost(FakeScb fake, ScbApiVersion api = ScbApiVersion.V2, Action<ScbClientOptions>? configure = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddScbClient();
        services.Configure<ScbClientOptions>(options =>
        {
            options.BaseUrlV2 = fake.V2;
            options.BaseUrlV1 = fake.V1;
            options.Api = api;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            options.AttemptTimeout = TimeSpan.FromMilliseconds(800);
            options.TotalTimeout = TimeSpan.FromSeconds(20);
            configure?.Invoke(options);
        });
        services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(builder => builder.AdditionalHandlers.Add(new LoopbackOnly())));
        _provider = services.BuildServiceProvider(validateScopes: true);
    }

    public ScbClient Client => _provider.GetRequiredService<ScbClient>();

    public FetchCounters Counters => _provider.GetRequiredService<FetchCounters>();

    public CallPacer Pacer => _provider.GetRequiredService<CallPacer>();

    public void Dispose() => _provider.Dispose();

    private sealed class LoopbackOnly : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri is { Host: "127.0.0.1" }
                ? base.SendAsync(request, cancellationToken)
                : throw new InvalidOperationException($"Unfaked outbound call to {request.RequestUri}.");
    }
}
