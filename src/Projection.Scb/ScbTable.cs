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

/// <summary>Operations on whole tables.</summary>
public static class ScbTables
{
    /// <summary>
    /// Joins tables that cover different years of the same series (e.g. a table up to 2024 and its
    /// Cell-Key-Method successor from 2025) into one. Every other variable must have the same codes.
    /// </summary>
    public static ScbTable JoinYears(IReadOnlyList<ScbTable> parts, string time = "Tid")
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var first = parts[0];
        foreach (var part in parts.Skip(1))
        {
            var same = part.Dimensions.Count == first.Dimensions.Count
                && part.Dimensions.Zip(first.Dimensions).All(p => p.First.Id == p.Second.Id && (p.First.Id == time || p.First.Codes.SequenceEqual(p.Second.Codes)));
            if (!same)
            {
                throw new ScbFormatException($"{first.TableId} and {part.TableId} cannot be joined by year: their other variables differ.");
            }
        }

        var years = parts.SelectMany(p => p.Dimension(time).Codes).Distinct().Order(StringComparer.Ordinal).ToList();
        var dimensions = first.Dimensions.Select(d => d.Id == time
            ? d with { Codes = years, Labels = years.ToDictionary(y => y, y => y) }
            : d).ToList();
        var values = new double[dimensions.Aggregate(1, (n, d) => n * d.Codes.Count)];
        Array.Fill(values, double.NaN);
        var joined = new ScbTable(string.Join("+", parts.Select(p => p.TableId).Distinct()), first.Label, parts.Max(p => p.Updated), dimensions, values, new Dictionary<int, string>(), parts.SelectMany(p => p.Notes).Distinct().ToList());
        foreach (var part in parts)
        {
            foreach (var (codes, value) in part.Cells())
            {
                values[joined.IndexOf(codes)] = value;
            }
        }

        return joined;
    }
}
