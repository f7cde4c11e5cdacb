namespace Projection.Scb;

/// <summary>
/// Keeps calls to SCB within its rate limit on the client's side, with a margin: at most
/// <see cref="Share"/> of <see cref="ScbApiLimits.MaxCalls"/> (rounded down, at least one) start
/// in any sliding window of <see cref="ScbApiLimits.Window"/>, so that clock differences and
/// other clients behind the same address do not tip a fetch over SCB's limit. One instance is
/// shared by every request of a process, and every attempt (retries too) passes through it
/// (<see cref="PacingStrategy"/>, inside the resilience pipeline).
/// Time comes from a <see cref="TimeProvider"/>, so tests can run it on a fake clock.
/// </summary>
public sealed class CallPacer(TimeProvider time) : IDisposable
{
    private readonly Queue<DateTimeOffset> _starts = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ScbApiLimits _limits = ScbApiLimits.Fallback;

    /// <summary>The share of SCB's calls per window this client uses.</summary>
    public const double Share = 0.9;

    public ScbApiLimits Limits => _limits;

    /// <summary>Calls allowed to start in one window: <see cref="Share"/> of SCB's limit, rounded down, at least one.</summary>
    public int CallsPerWindow => Math.Max(1, (int)Math.Floor(_limits.MaxCalls * Share));

    /// <summary>True once SCB's own limits (or the fallback after failing to read them) are in force.</summary>
    public bool IsConfigured { get; private set; }

    public void Dispose() => _gate.Dispose();

    public void Configure(ScbApiLimits limits)
    {
        _limits = limits ?? throw new ArgumentNullException(nameof(limits));
        IsConfigured = true;
    }

    /// <summary>Waits until a call may start, and records it.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var now = time.GetUtcNow();
                while (_starts.Count > 0 && now - _starts.Peek() >= _limits.Window)
                {
                    _starts.Dequeue();
                }

                if (_starts.Count < CallsPerWindow)
                {
                    _starts.Enqueue(now);
                    return;
                }

                await Task.Delay(_starts.Peek() + _limits.Window - now, time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
