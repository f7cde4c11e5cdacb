using System.Globalization;
using System.Text;

namespace Projection.Files;

/// <summary>
/// Projections as CSV, the same columns as the JSON (<see cref="ProjectionYear"/>) from the service
/// and the command line alike: invariant (comma, decimal point), or for Swedish Excel (UTF-8 with
/// BOM, semicolon, decimal comma) — Excel with Swedish settings opens the latter correctly by double-click.
/// A stochastic projection adds the intervals of the total and each age group (UncertaintyReport.Headers).
/// </summary>
public static class ProjectionCsv
{
    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = "," };

    public static byte[] Write(ProjectionResponse projection, bool swedishExcel) => Write([projection], swedishExcel);

    /// <summary>Several regions' projections of one run in one table, one header row (they share their age groups).</summary>
    public static byte[] Write(IReadOnlyList<ProjectionResponse> projections, bool swedishExcel)
    {
        ArgumentNullException.ThrowIfNull(projections);
        var separator = swedishExcel ? ";" : ",";
        IFormatProvider numbers = swedishExcel ? DecimalComma : CultureInfo.InvariantCulture;
        var groups = projections.SelectMany(p => p.Years).FirstOrDefault(y => y.AgeGroups is not null)?.AgeGroups?.Keys.ToList() ?? [];
        var withIntervals = projections.Any(p => p.Uncertainty is not null);
        var text = new StringBuilder();
        var header = new List<string> { "region", "regionName", "scenario", "year", "observed", "total", "men", "women", "births", "deaths", "domesticIn", "domesticOut", "immigration", "emigration", "medianAge", "dependencyRatio", "cappedCells" };
        header.AddRange(groups.Select(g => "age " + g));
        if (withIntervals)
        {
            header.AddRange(UncertaintyReport.Headers(groups));
        }

        text.Append(string.Join(separator, header.Select(h => CsvCells.Cell(h, separator)))).Append("\r\n");
        foreach (var projection in projections)
        {
            var uncertain = projection.Uncertainty?.Years.ToDictionary(y => y.Year);
            foreach (var y in projection.Years)
            {
                Row(text, projection, y, groups, withIntervals ? uncertain ?? [] : null, separator, numbers);
            }
        }

        var body = Encoding.UTF8.GetBytes(text.ToString());
        return swedishExcel ? [.. Encoding.UTF8.Preamble, .. body] : body;
    }

    private static void Row(StringBuilder text, ProjectionResponse projection, ProjectionYear y, List<string> groups, Dictionary<int, UncertainYear>? uncertain, string separator, IFormatProvider numbers)
    {
        var cells = new List<string>
        {
            CsvCells.Cell(projection.Region, separator),
            CsvCells.Cell(projection.RegionName, separator),
            CsvCells.Cell(projection.Scenario, separator),
            y.Year.ToString(CultureInfo.InvariantCulture),
            y.Observed ? "true" : "false",
            CsvCells.Number(y.Total, numbers),
            CsvCells.Number(y.Men, numbers),
            CsvCells.Number(y.Women, numbers),
            CsvCells.Number(y.Births, numbers),
            CsvCells.Number(y.Deaths, numbers),
            CsvCells.Number(y.DomesticIn, numbers),
            CsvCells.Number(y.DomesticOut, numbers),
            CsvCells.Number(y.Immigration, numbers),
            CsvCells.Number(y.Emigration, numbers),
            CsvCells.Number(y.MedianAge, numbers),
            CsvCells.Number(y.DependencyRatio, numbers),
            y.CappedCells?.ToString(CultureInfo.InvariantCulture) ?? "",
        };
        cells.AddRange(groups.Select(g => y.AgeGroups is { } a ? CsvCells.Number(a[g], numbers) : ""));
        if (uncertain is not null)
        {
            cells.AddRange(UncertaintyReport.Cells(uncertain.GetValueOrDefault(y.Year), groups, numbers));
        }

        text.Append(string.Join(separator, cells)).Append("\r\n");
    }
}
