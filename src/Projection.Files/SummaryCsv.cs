using System.Globalization;
using System.Text;
using Projection.Core;

namespace Projection.Files;

/// <summary>
/// Projection summaries as CSV: invariant culture and a comma by default; the Swedish-Excel
/// variant uses a semicolon and a decimal comma (Excel with Swedish regional settings reads
/// neither a comma separator nor a decimal point as intended). Text cells that a spreadsheet
/// would run as a formula (=, +, −, @, tab, CR) are prefixed with an apostrophe (OWASP CSV injection).
/// </summary>
public static class SummaryCsv
{
    // The globalization-invariant runtime has no sv-SE data: a decimal comma is all Excel needs.
    private static readonly NumberFormatInfo SwedishNumbers = new() { NumberDecimalSeparator = ",", NegativeSign = "-" };

    /// <summary>Writes one row per year; with <paramref name="uncertainty"/>, the intervals of the total and each group follow (UncertaintyReport.Headers).</summary>
    public static void Write(TextWriter writer, string region, string scenario, IReadOnlyList<AgeGroup> groups, IReadOnlyList<YearSummary> years, bool swedishExcel = false, Uncertainty? uncertainty = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(years);
        var names = groups.Select(g => g.Name).ToList();
        var uncertain = uncertainty?.Years.ToDictionary(y => y.Year);
        var separator = swedishExcel ? ";" : ",";
        IFormatProvider culture = swedishExcel ? SwedishNumbers : CultureInfo.InvariantCulture;
        var header = new List<string> { "region", "scenario", "year", "total", "men", "women", "births", "deaths", "domesticIn", "domesticOut", "immigration", "emigration" };
        header.AddRange(groups.Select(g => "age " + g.Name));
        if (uncertain is not null)
        {
            header.AddRange(UncertaintyReport.Headers(names));
        }

        writer.Write(string.Join(separator, header.Select(h => Cell(h, separator))));
        writer.Write("\r\n");
        foreach (var year in years)
        {
            var cells = new List<string>
            {
                Cell(region, separator),
                Cell(scenario, separator),
                year.Year.ToString(CultureInfo.InvariantCulture),
                Number(year.Total, culture),
                Number(year.Men, culture),
                Number(year.Women, culture),
                Number(year.Births, culture),
                Number(year.Deaths, culture),
                Number(year.DomesticIn, culture),
                Number(year.DomesticOut, culture),
                Number(year.Immigration, culture),
                Number(year.Emigration, culture),
            };
            cells.AddRange(year.AgeGroups.Select(value => Number(value, culture)));
            if (uncertain is not null)
            {
                cells.AddRange(UncertaintyReport.Cells(uncertain.GetValueOrDefault(year.Year), names, culture));
            }

            writer.Write(string.Join(separator, cells));
            writer.Write("\r\n");
        }
    }

    /// <summary>A number rounded to two decimals, or empty when unknown.</summary>
    public static string Number(double? value, IFormatProvider culture) =>
        value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.##", culture) : "";

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
