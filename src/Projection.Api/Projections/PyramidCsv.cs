using System.Globalization;
using System.Text;
using Projection.Files;

namespace Projection.Api.Projections;

/// <summary>A pyramid as CSV, one row per single year of age: invariant, or for Swedish Excel (Swedish headers, persons in whole numbers), as <see cref="ProjectionCsv"/>.</summary>
internal static class PyramidCsv
{
    private static readonly string[] Headers = ["region", "regionName", "scenario", "year", "modeled", "age", "men", "women"];

    private static readonly string[] SwedishHeaders = ["Regionkod", "Region", "Scenario", "År", "Modellerad", "Ålder", "Män", "Kvinnor"];

    public static byte[] Write(PyramidResponse pyramid, bool swedishExcel)
    {
        var separator = swedishExcel ? ";" : ",";
        string Persons(double value) => swedishExcel ? CsvCells.Whole(value) : CsvCells.Number(value, CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append(string.Join(separator, swedishExcel ? SwedishHeaders : Headers)).Append("\r\n");
        foreach (var age in pyramid.Ages)
        {
            string[] cells =
            [
                CsvCells.Cell(pyramid.Region, separator),
                CsvCells.Cell(pyramid.RegionName, separator),
                CsvCells.Cell(pyramid.Scenario, separator),
                pyramid.Year.ToString(CultureInfo.InvariantCulture),
                swedishExcel ? (pyramid.Modeled ? "ja" : "nej") : (pyramid.Modeled ? "true" : "false"),
                CsvCells.Cell(age.Age, separator),
                Persons(age.Men),
                Persons(age.Women),
            ];
            text.Append(string.Join(separator, cells)).Append("\r\n");
        }

        var body = Encoding.UTF8.GetBytes(text.ToString());
        return swedishExcel ? [.. Encoding.UTF8.Preamble, .. body] : body;
    }
}
