using System.Globalization;
using Projection.Core;

namespace Projection.Cli;

/// <summary>A range of years given on the command line as FIRST-LAST, e.g. 1990-2005.</summary>
internal static class YearRange
{
    public static IReadOnlyList<int> Parse(string text, string option)
    {
        var parts = text.Split('-');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || last < first
            || first < 1 || last > 3000)
        {
            throw new InvalidInputException(new Dictionary<string, string[]> { [option] = [$"'{text}' is not FIRST-LAST (two years, 1 to 3000, the first not after the last)."] });
        }

        return [.. Enumerable.Range(first, last - first + 1)];
    }
}
