using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Projection.Tests;

namespace Projection.Api.Tests;

/// <summary>
/// The real service on a real Kestrel server on 127.0.0.1 (request limits and all), on the
/// embedded default, with its store in a temporary file.
/// </summary>
internal sealed class ProjectionApplication : WebApplicationFactory<Program>
{
    private readonly TemporaryStore _store = new();
    private readonly string _environment;
    private readonly int _customProjectionsPerMinute;

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly CapturedLogs? _logs;

    public ProjectionApplication(string environment = "Production", int customProjectionsPerMinute = 60, IReadOnlyDictionary<string, string>? settings = null, CapturedLogs? logs = null)
    {
        _logs = logs;
        _environment = environment;
        _customProjectionsPerMinute = customProjectionsPerMinute;
        _settings = settings ?? new Dictionary<string, string>();

        // A key with the write scope, issued in the store as `projection keys create` would; every client sends it unless a test asks for one without.
        var store = _settings.TryGetValue("Projection:StorePath", out var path) ? path : _store.Path;
        WriteKey = new Projection.Store.ApiKeyStore(store).Create("tests", [Projection.Store.ApiKeyStore.Write], DateTimeOffset.UtcNow).Secret;
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
    }

    /// <summary>The write key every client of <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> sends.</summary>
    public string WriteKey { get; }

    /// <summary>A client without a key, as an anonymous reader of the public service.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove(Hosting.ApiKeys.Header);
        return client;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(Hosting.ApiKeys.Header, WriteKey);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Projection:StorePath", _store.Path);
        builder.UseSetting("Projection:CustomProjectionsPerMinute", _customProjectionsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Nothing may reach SCB itself: unless a test points it at its fake, the client points at a closed port.
        builder.UseSetting("Scb:BaseUrlV2", "http://127.0.0.1:9/api/v2/");

        // No warm-up of the stochastic path unless a test asks for it: each test starts its own service.
        builder.UseSetting("Projection:IntervalWarmUpRounds", "0");
        if (_logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(_logs));
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _store.Dispose();
    }
}

/// <summary>The service's log messages, kept in memory for a test to read.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => new Logger(_messages);

    public void Dispose()
    {
    }

    private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }
}
