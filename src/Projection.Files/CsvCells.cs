using System.Globalization;
using System.Text;
using nietras.SeparatedValues;
using Projection.Core;

namespace Projection.Files;

/// <summary>
/// The cells of the project's CSV (<see cref="ProjectionCsv"/>, pyramids, batch summaries) and
/// the one writer of them (Sep, the library the readers use too): numbers rounded to two decimals
/// in the caller's culture (invariant, or a decimal comma for Swedish Excel), and text cells
/// defused — a cell a spreadsheet would run as a formula (=, +, −, @, tab, CR) is prefixed with an
/// apostrophe (OWASP CSV injection) — and quoted by the writer where needed.
/// </summary>
public static class CsvCells
{
    /// <summary>A number rounded to two decimals, or empty when unknown.</summary>
    public static string Number(double? value, IFormatProvider culture) =>
        value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.##", culture) : "";

    /// <summary>A count of persons rounded to a whole number (the same in every culture), or empty when unknown.</summary>
    public static string Whole(double? value) =>
        value is { } v ? Math.Round(v, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) : "";

    /// <summary>A text cell defused against formula injection: one a spreadsheet would run (=, +, −, @, tab, CR first) gets an apostrophe in front. Quoting is the writer's (<see cref="Write"/>).</summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;
    }

    /// <summary>
    /// Writes a table through Sep: a header and rows of cells (text already defused with <see
    /// cref="Text"/>, numbers already formatted), each cell quoted where it holds the separator, a
    /// quote or a line break, lines ended by CRLF (RFC 4180). With <paramref name="byteOrderMark"/>,
    /// UTF-8's byte order mark first (Swedish Excel needs it to read å, ä, ö).
    /// </summary>
    public static byte[] Write(char separator, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, bool byteOrderMark)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        using (var writer = Sep.New(separator).Writer(o => o with { Escape = true }).To(text))
        {
            writer.Header.Add([.. header.Select(Text)]);
            foreach (var cells in rows)
            {
                using var row = writer.NewRow();
                for (var c = 0; c < cells.Count; c++)
                {
                    row[c].Set(cells[c]);
                }
            }
        }

        var body = Encoding.UTF8.GetBytes(text.ToString());
        return byteOrderMark ? [.. Encoding.UTF8.Preamble, .. body] : body;
    }
}
