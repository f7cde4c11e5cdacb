using System.Globalization;
using Projection.Core;

namespace Projection.Cli;

/// <summary>Boundary changes given on the command line as REGION:FIRSTYEAR, e.g. 19:2006.</summary>
internal static class BoundaryBreaks
{
    /// <summary>Heby left Västmanland (19) for Uppsala (03) on 1 January 2007, already in the 2006 year-end stock (scb-county/SOURCES.md).</summary>
    public const string CountySeries = "19:2006,03:2006";

    public static List<(string Region, int FirstYear)> Parse(string text, string option = "--breaks")
    {
        var breaks = new List<(string, int)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(':');
            if (pieces.Length != 2 || !int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                throw new InvalidInputException(new Dictionary<string, string[]> { [option] = [$"'{part}' is not REGION:FIRSTYEAR."] });
            }

            breaks.Add((pieces[0], year));
        }

        return breaks;
    }
}
