using System.Globalization;

namespace Projection.Files;

/// <summary>
/// Projections as CSV, the same columns as the JSON (<see cref="ProjectionYear"/>) from the service
/// and the command line alike: invariant (comma, decimal point), or for Swedish Excel (UTF-8 with
/// BOM, semicolon, decimal comma) — Excel with Swedish settings opens the latter correctly by double-click.
/// A stochastic projection adds the intervals of the total and each age group (UncertaintyReport.Headers).
/// The Swedish Excel variant is for people rather than programs: Swedish headers (<c>Folkmängd</c>,
/// <c>Födda</c>, <c>80+ år</c>), <c>ja</c>/<c>nej</c>, and persons rounded to whole numbers (a
/// projected 8 523,31 children is a modeled figure, not a count; the rounding is said in docs/api.md).
/// </summary>
public static class ProjectionCsv
{
    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = "," };

    public static byte[] Write(ProjectionResponse projection, bool swedishExcel) => Write([projection], swedishExcel);

    /// <summary>Several regions' projections of one run in one table, one header row (they share their age groups).</summary>
    public static byte[] Write(IReadOnlyList<ProjectionResponse> projections, bool swedishExcel)
    {
        ArgumentNullException.ThrowIfNull(projections);
        var separator = swedishExcel ? ';' : ',';
        IFormatProvider numbers = swedishExcel ? DecimalComma : CultureInfo.InvariantCulture;
        var groups = projections.SelectMany(p => p.Years).FirstOrDefault(y => y.AgeGroups is not null)?.AgeGroups?.Keys.ToList() ?? [];
        var withIntervals = projections.Any(p => p.Uncertainty is not null);
        var header = new List<string>(swedishExcel ? SwedishHeaders : Headers);
        header.AddRange(groups.Select(g => swedishExcel ? g + " år" : "age " + g));
        if (withIntervals)
        {
            header.AddRange(swedishExcel ? SwedishIntervalHeaders(groups) : UncertaintyReport.Headers(groups));
        }

        var rows = projections.SelectMany(projection =>
        {
            var uncertain = projection.Uncertainty?.Years.ToDictionary(y => y.Year);
            return projection.Years.Select(y => Row(projection, y, groups, withIntervals ? uncertain ?? [] : null, numbers, swedishExcel));
        });
        return CsvCells.Write(separator, header, rows, byteOrderMark: swedishExcel);
    }

    /// <summary>The columns, in the JSON's names (docs/api.md has the table of both).</summary>
    public static readonly IReadOnlyList<string> Headers = ["region", "regionName", "scenario", "year", "observed", "total", "men", "women", "births", "deaths", "domesticIn", "domesticOut", "immigration", "emigration", "medianAge", "dependencyRatio", "cappedCells"];

    /// <summary>The same columns for Swedish Excel, in SCB's words where SCB has one.</summary>
    public static readonly IReadOnlyList<string> SwedishHeaders = ["Regionkod", "Region", "Scenario", "År", "Observerat", "Folkmängd", "Män", "Kvinnor", "Födda", "Döda", "Inflyttade från andra kommuner", "Utflyttade till andra kommuner", "Invandrade", "Utvandrade", "Medianålder", "Försörjningskvot", "Begränsade celler"];

    // In the order of UncertaintyReport.Headers: lower95, lower80, median, upper80, upper95.
    private static readonly string[] SwedishIntervalSuffixes = ["nedre 95 %", "nedre 80 %", "median", "övre 80 %", "övre 95 %"];

    private static IEnumerable<string> SwedishIntervalHeaders(IEnumerable<string> groups) =>
        groups.Select(g => g + " år").Prepend("Folkmängd").SelectMany(name => SwedishIntervalSuffixes.Select(suffix => $"{name} {suffix}"));

    private static List<string> Row(ProjectionResponse projection, ProjectionYear y, List<string> groups, Dictionary<int, UncertainYear>? uncertain, IFormatProvider numbers, bool swedishExcel)
    {
        // Persons in whole numbers for people; the indicators keep their decimals.
        string Persons(double? value) => swedishExcel ? CsvCells.Whole(value) : CsvCells.Number(value, numbers);
        var cells = new List<string>
        {
            CsvCells.Text(projection.Region),
            CsvCells.Text(projection.RegionName),
            CsvCells.Text(projection.Scenario),
            y.Year.ToString(CultureInfo.InvariantCulture),
            swedishExcel ? (y.Observed ? "ja" : "nej") : (y.Observed ? "true" : "false"),
            Persons(y.Total),
            Persons(y.Men),
            Persons(y.Women),
            Persons(y.Births),
            Persons(y.Deaths),
            Persons(y.DomesticIn),
            Persons(y.DomesticOut),
            Persons(y.Immigration),
            Persons(y.Emigration),
            CsvCells.Number(y.MedianAge, numbers),
            CsvCells.Number(y.DependencyRatio, numbers),
            y.CappedCells?.ToString(CultureInfo.InvariantCulture) ?? "",
        };
        cells.AddRange(groups.Select(g => y.AgeGroups is { } a ? Persons(a[g]) : ""));
        if (uncertain is not null)
        {
            cells.AddRange(UncertaintyReport.Cells(uncertain.GetValueOrDefault(y.Year), groups, value => Persons(value)));
        }

        return cells;
    }
}
