namespace Projection.Scb;

/// <summary>A request for part of a table: for each variable named, the value codes wanted. Variables left out are eliminated (SCB sums over them).</summary>
public sealed record ScbQuery(string TableId, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Selection)
{
    /// <summary>The cells the query asks for: the product of the selections' sizes.</summary>
    public long Cells => Selection.Aggregate(1L, (product, variable) => product * variable.Value.Count);

    public IReadOnlyList<string> Codes(string variable) =>
        Selection.FirstOrDefault(v => v.Key == variable).Value ?? throw new KeyNotFoundException($"The query for {TableId} does not select {variable}.");

    public ScbQuery With(string variable, IReadOnlyList<string> codes) =>
        this with { Selection = Selection.Select(v => v.Key == variable ? new KeyValuePair<string, IReadOnlyList<string>>(variable, codes) : v).ToList() };

    /// <summary>A short description for messages and provenance, e.g. "TAB638: Region=19,1904 (2) × Tid=2000..2024 (25)".</summary>
    public override string ToString() =>
        $"{TableId}: " + string.Join(" × ", Selection.Select(v => $"{v.Key}={Describe(v.Value)}"));

    private static string Describe(IReadOnlyList<string> codes) =>
        codes.Count <= 3 ? string.Join(",", codes) : $"{codes[0]}..{codes[^1]} ({codes.Count})";
}
