namespace Projection.Scb;

/// <summary>What a fetch did: calls made, retries, cells received. Thread-safe.</summary>
public sealed class FetchCounters
{
    private long _calls;
    private long _retries;
    private long _cells;

    public long Calls => Interlocked.Read(ref _calls);

    public long Retries => Interlocked.Read(ref _retries);

    public long Cells => Interlocked.Read(ref _cells);

    public void CountCall() => Interlocked.Increment(ref _calls);

    public void CountRetry() => Interlocked.Increment(ref _retries);

    public void CountCells(long cells) => Interlocked.Add(ref _cells, cells);
}
