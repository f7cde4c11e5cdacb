using System.Text.Json;

namespace Projection.Scb;

/// <summary>What SCB allows: cells per request and calls per time window (PxWeb v2 <c>/config</c>, v1 <c>?config</c>).</summary>
public sealed record ScbApiLimits(int MaxCells, int MaxCalls, TimeSpan Window)
{
    /// <summary>Used when the limits cannot be read: SCB's long-standing 10 calls per 10 seconds and 100,000 cells.</summary>
    public static ScbApiLimits Fallback { get; } = new(100_000, 10, TimeSpan.FromSeconds(10));

    /// <summary>Reads v2's <c>maxDataCells</c>, <c>maxCallsPerTimeWindow</c>, <c>timeWindow</c> or v1's <c>maxValues</c>, <c>maxCalls</c>, <c>timeWindow</c> (seconds).</summary>
    public static ScbApiLimits Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            int Read(params string[] names)
            {
                foreach (var name in names)
                {
                    if (root.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) && number > 0)
                    {
                        return number;
                    }
                }

                throw new ScbFormatException($"{source}: no positive '{string.Join("' or '", names)}' in the configuration.");
            }

            return new ScbApiLimits(Read("maxDataCells", "maxValues"), Read("maxCallsPerTimeWindow", "maxCalls"), TimeSpan.FromSeconds(Read("timeWindow")));
        }
        catch (JsonException e)
        {
            throw new ScbFormatException($"{source}: the configuration is not JSON ({e.Message}).", e);
        }
    }
}
