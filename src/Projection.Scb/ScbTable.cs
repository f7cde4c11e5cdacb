namespace Projection.Scb;

/// <summary>One dimension of an SCB table (a PxWeb variable): its codes in index order and their labels.</summary>
/// <param name="Id">The variable code, e.g. Region, Kon, Alder, Tid, ContentsCode.</param>
/// <param name="Label">The variable's text, e.g. "region".</param>
/// <param name="Codes">Value codes in the order of the data.</param>
/// <param name="Labels">Value code → text, e.g. 1980 → Västerås.</param>
/// <param name="Elimination">True where the variable may be left out of a query (SCB then sums over it).</param>
public sealed record ScbDimension(string Id, string Label, IReadOnlyList<string> Codes, IReadOnlyDictionary<string, string> Labels, bool Elimination)
{
    public int IndexOf(string code)
    {
        for (var i = 0; i < Codes.Count; i++)
        {
            if (Codes[i] == code)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>
/// A table of SCB statistics as json-stat2 carries it: dimensions, and values in row-major order
/// with the last dimension varying fastest. A missing value (SCB's ".." and the like) is NaN and
/// its status symbol is kept.
/// </summary>
public sealed record ScbTable(
    string TableId,
    string Label,
    DateTimeOffset? Updated,
    IReadOnlyList<ScbDimension> Dimensions,
    double[] Values,
    IReadOnlyDictionary<int, string> Status,
    IReadOnlyList<string> Notes)
{
    public ScbDimension Dimension(string id) =>
        Dimensions.FirstOrDefault(d => d.Id == id) ?? throw new KeyNotFoundException($"Table {TableId} has no variable '{id}'.");

    public bool HasDimension(string id) => Dimensions.Any(d => d.Id == id);

    /// <summary>The flat index of one cell, given a code for every dimension in order.</summary>
    public int IndexOf(IReadOnlyList<string> codes)
    {
        var index = 0;
        for (var d = 0; d < Dimensions.Count; d++)
        {
            var position = Dimensions[d].IndexOf(codes[d]);
            if (position < 0)
            {
                throw new KeyNotFoundException($"Table {TableId}: '{codes[d]}' is not a value of {Dimensions[d].Id}.");
            }

            index = (index * Dimensions[d].Codes.Count) + position;
        }

        return index;
    }

    /// <summary>Every cell with its codes, in data order.</summary>
    public IEnumerable<(IReadOnlyList<string> Codes, double Value)> Cells()
    {
        var codes = new string[Dimensions.Count];
        for (var i = 0; i < Values.Length; i++)
        {
            var rest = i;
            for (var d = Dimensions.Count - 1; d >= 0; d--)
            {
                var size = Dimensions[d].Codes.Count;
                codes[d] = Dimensions[d].Codes[rest % size];
                rest /= size;
            }

            yield return (codes, Values[i]);
        }
    }
}
