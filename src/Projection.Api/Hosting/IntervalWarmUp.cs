using Microsoft.Extensions.Options;

namespace Projection.Api.Hosting;

/// <summary>
/// Runs the stochastic path a few times in the background once the service has started: small
/// projections of the home county's main scenario (256 trajectories), computed and not kept, a
/// pause between rounds so that the runtime's tiered JIT can recompile the hot loops with what it
/// measured. Without it, a new server's first answers with 1,000 trajectories took 0.2–0.5 s for up
/// to six requests before settling at about 0.07 s (docs/performance.md). It takes its turns at the
/// gate like any request, so it never takes more than the stochastic work's share of the cores.
/// </summary>
public sealed class IntervalWarmUp(ProjectionCatalog catalog, StochasticGate gate, IOptions<ProjectionServiceOptions> options, ILogger<IntervalWarmUp> logger) : BackgroundService
{
    private const int Trajectories = 256;

    /// <summary>Long enough for the runtime's call-counting delay (100 ms) to pass between rounds.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(150);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var rounds = options.Value.IntervalWarmUpRounds;
        try
        {
            for (var round = 0; round < rounds; round++)
            {
                await catalog.Home.WarmUpAsync(Trajectories, (ulong)round + 1, gate, stoppingToken);
                await Task.Delay(Pause, stoppingToken);
            }

            if (rounds > 0)
            {
                Log.IntervalsWarmedUp(logger, rounds, Trajectories);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping during the warm-up: nothing to finish.
        }
        catch (ServiceBusyException)
        {
            // Planners came first and filled the queue: they warm the code themselves.
        }
    }
}
