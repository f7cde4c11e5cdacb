using System.Globalization;
using Projection.Files;

namespace Projection.Api.Projections;

/// <summary>A pyramid as CSV, one row per single year of age: invariant, or for Swedish Excel (Swedish headers, persons in whole numbers), as <see cref="ProjectionCsv"/>.</summary>
internal static class PyramidCsv
{
    private static readonly string[] Headers = ["region", "regionName", "scenario", "year", "modeled", "age", "men", "women"];

    private static readonly string[] SwedishHeaders = ["Regionkod", "Region", "Scenario", "År", "Modellerad", "Ålder", "Män", "Kvinnor"];

    public static byte[] Write(PyramidResponse pyramid, bool swedishExcel)
    {
        string Persons(double value) => swedishExcel ? CsvCells.Whole(value) : CsvCells.Number(value, CultureInfo.InvariantCulture);
        var rows = pyramid.Ages.Select(age => (IReadOnlyList<string>)
        [
            CsvCells.Text(pyramid.Region),
            CsvCells.Text(pyramid.RegionName),
            CsvCells.Text(pyramid.Scenario),
            pyramid.Year.ToString(CultureInfo.InvariantCulture),
            swedishExcel ? (pyramid.Modeled ? "ja" : "nej") : (pyramid.Modeled ? "true" : "false"),
            CsvCells.Text(age.Age),
            Persons(age.Men),
            Persons(age.Women),
        ]);
        return CsvCells.Write(swedishExcel ? ';' : ',', swedishExcel ? SwedishHeaders : Headers, rows, byteOrderMark: swedishExcel);
    }
}
