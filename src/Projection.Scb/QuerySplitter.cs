namespace Projection.Scb;

/// <summary>
/// Splits a query so that no request asks for more cells than SCB allows: first by years
/// (<c>Tid</c>), then by regions, in as few requests as possible.
/// </summary>
public static class QuerySplitter
{
    public const string Time = "Tid";

    public const string Region = "Region";

    public static IReadOnlyList<ScbQuery> Split(ScbQuery query, int maxCells)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Cells <= maxCells)
        {
            return [query];
        }

        foreach (var variable in new[] { Time, Region })
        {
            if (!query.Selection.Any(v => v.Key == variable))
            {
                continue;
            }

            var codes = query.Codes(variable);
            var cellsPerCode = query.Cells / codes.Count;
            if (cellsPerCode <= maxCells)
            {
                var perRequest = (int)Math.Max(1, maxCells / cellsPerCode);
                return codes.Chunk(perRequest).Select(chunk => query.With(variable, chunk)).ToList();
            }

            // One code of this variable is still too big: split each by the next variable.
            if (codes.Count > 1)
            {
                return codes.SelectMany(code => Split(query.With(variable, [code]), maxCells)).ToList();
            }
        }

        throw new ScbFormatException($"{query}: {query.Cells} cells cannot be split under SCB's limit of {maxCells} by years and regions.");
    }
}
