using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Projection.Application;
using Projection.Files;
using Projection.Scb;
using Projection.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary><c>projection fetch</c>: SCB → the store, with progress on stderr and a summary.</summary>
internal sealed class FetchCommand(Terminal terminal) : Command<FetchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--region <CODE>")]
        [Description("County (or municipality) code; the county's municipalities come along.")]
        [DefaultValue("19")]
        public string Region { get; init; } = "19";

        [CommandOption("--from-year <YEAR>")]
        [DefaultValue(2000)]
        public int FromYear { get; init; } = 2000;

        [CommandOption("--api <VERSION>")]
        [Description("v2 (PxWebApi 2.0) or v1.")]
        [DefaultValue("v2")]
        public string Api { get; init; } = "v2";

        [CommandOption("--source <URL>")]
        [Description("Base URL of the API; default SCB's.")]
        public string? Source { get; init; }

        [CommandOption("--max-retries <N>")]
        [Description("Retries of a failing call (backoff doubles from 1 s).")]
        [DefaultValue(5)]
        public int MaxRetries { get; init; } = 5;

        [CommandOption("--db <PATH>")]
        [Description("The store; default: the one the service uses (PROJECTION_STORE, or the user's data folder).")]
        public string? Db { get; init; }

        public override ValidationResult Validate()
        {
            if (Api is not ("v2" or "v1"))
            {
                return ValidationResult.Error($"--api must be v2 or v1, not '{Api}'.");
            }

            if (Source is not null && !Uri.TryCreate(Source, UriKind.Absolute, out _))
            {
                return ValidationResult.Error($"--source '{Source}' is not an absolute URL.");
            }

            if (MaxRetries is < 0 or > 20)
            {
                return ValidationResult.Error("--max-retries must be between 0 and 20.");
            }

            return FromYear is < 1968 or > 2100 ? ValidationResult.Error("--from-year must be between 1968 and 2100.") : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var api = settings.Api == "v1" ? ScbApiVersion.V1 : ScbApiVersion.V2;
        var services = new ServiceCollection();
        services.AddScbClient();
        services.Configure<ScbClientOptions>(options =>
        {
            options.Api = api;
            options.MaxRetries = settings.MaxRetries;
            if (settings.Source is { } source)
            {
                var url = new Uri(source.EndsWith('/') ? source : source + "/");
                if (api == ScbApiVersion.V2)
                {
                    options.BaseUrlV2 = url;
                }
                else
                {
                    options.BaseUrlV1 = url;
                }
            }
        });
        using var provider = services.BuildServiceProvider();
        var error = terminal.MessageConsole;
        var started = Stopwatch.StartNew();
        try
        {
            var store = new SourceStore(settings.Db ?? DefaultPaths.Store);
            var fetcher = new ScbFetcher(provider.GetRequiredService<ScbClient>(), store, TimeProvider.System);
            var sources = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ScbClientOptions>>().Value.Sources;
            var results = fetcher.FetchAsync(settings.Region, settings.FromYear, sources, new SynchronousProgress(line => error.MarkupLineInterpolated($"[grey]{line}[/]")), cancellationToken).GetAwaiter().GetResult();
            var counters = provider.GetRequiredService<FetchCounters>();
            terminal.Messages.WriteLine($"fetched {results.Count} tables, {counters.Cells:N0} cells, {counters.Calls} calls, {counters.Retries} retries in {started.Elapsed.TotalSeconds:0.0} s: "
                + string.Join(", ", results.Select(r => $"{r.Name} {r.Outcome.ToString().ToLowerInvariant()}")));
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is ScbRequestException or ScbFormatException or HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            terminal.Messages.WriteLine($"projection fetch: {e.Message} Nothing was stored; the store keeps what it had.");
            return ExitCodes.InvalidData;
        }
    }

    /// <summary>Reports at once on the caller's thread, so that progress lines come in order.</summary>
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
