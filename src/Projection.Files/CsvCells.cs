using System.Globalization;
using System.Text;
using Projection.Core;

namespace Projection.Files;

/// <summary>
/// The cells of the project's CSV (<see cref="ProjectionCsv"/>, batch summaries): numbers rounded
/// to two decimals in the caller's culture (invariant, or a decimal comma for Swedish Excel), and
/// text cells quoted where needed and defused — a cell a spreadsheet would run as a formula
/// (=, +, −, @, tab, CR) is prefixed with an apostrophe (OWASP CSV injection).
/// </summary>
public static class CsvCells
{
    /// <summary>A number rounded to two decimals, or empty when unknown.</summary>
    public static string Number(double? value, IFormatProvider culture) =>
        value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.##", culture) : "";

    /// <summary>A count of persons rounded to a whole number (the same in every culture), or empty when unknown.</summary>
    public static string Whole(double? value) =>
        value is { } v ? Math.Round(v, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) : "";

    /// <summary>A text cell, quoted when needed and defused against formula injection.</summary>
    public static string Cell(string text, string separator)
    {
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }

        if (text.Contains(separator, StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal))
        {
            var quoted = new StringBuilder("\"");
            quoted.Append(text.Replace("\"", "\"\"", StringComparison.Ordinal));
            quoted.Append('"');
            return quoted.ToString();
        }

        return text;
    }
}
