namespace Projection.Core;

/// <summary>Where a series came from: observed (published by SCB, copied as published) or modeled (computed here, with its method).</summary>
/// <param name="Status">"observed", "modeled", or "warning".</param>
/// <param name="Source">The publication or table, e.g. SCB BE0101N1, or the inputs of a model.</param>
/// <param name="Method">For modeled series, how they were made (docs/method.md has the detail).</param>
/// <param name="Period">The years the series covers or was estimated from, e.g. "1950–2024".</param>
public sealed record Provenance(string Status, string Source, string? Method = null, string? Period = null)
{
    public const string Observed = "observed";

    public const string Modeled = "modeled";

    /// <summary>Something asked for could not be done, and what was done instead.</summary>
    public const string Warning = "warning";
}
