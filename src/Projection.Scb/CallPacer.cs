namespace Projection.Scb;

/// <summary>
/// Keeps calls to SCB within its rate limit on the client's side: at most
/// <see cref="ScbApiLimits.MaxCalls"/> calls start in any sliding window of
/// <see cref="ScbApiLimits.Window"/>. One instance is shared by every request of a process.
/// Time comes from a <see cref="TimeProvider"/>, so tests can run it on a fake clock.
/// </summary>
public sealed class CallPacer(TimeProvider time) : IDisposable
{
    private readonly Queue<DateTimeOffset> _starts = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ScbApiLimits _limits = ScbApiLimits.Fallback;

    public ScbApiLimits Limits => _limits;

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

                if (_starts.Count < _limits.MaxCalls)
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
