using System.Globalization;
using nietras.SeparatedValues;
using Projection.Estimation;

namespace Projection.Files;

/// <summary>
/// Reads the long-format SCB extracts kept beside the project (shared/data/scb): a header
/// row, then comma-separated values. Each reader checks the columns it needs and names the
/// file and line of anything it cannot read.
/// </summary>
public static class ScbExtractCsv
{
    public const string MunicipalTotalsFile = "vastmanland_municipal_population_total.csv";

    public const string AgeGroupsFile = "vastmanland_population_agegroups_2018.csv";

    public const string QuarterFile = "vastmanland_population_change_2019q1.csv";

    public const string NationalTotalsFile = "national_population_total.csv";

    public const string NationalChangeFile = "national_population_change_2024.csv";

    /// <summary>The yearly totals of county <paramref name="county"/>'s municipalities in <paramref name="path"/> (as <see cref="ReadTotals"/>): code → year → total.</summary>
    public static SortedDictionary<string, SortedDictionary<int, double>> ReadMunicipalTotals(string path, string county) =>
        new(ReadTotals(path)
            .Where(t => Projection.Core.Region.IsMunicipalityCode(t.Key) && t.Key.StartsWith(county, StringComparison.Ordinal))
            .ToDictionary(t => t.Key, t => t.Value.Totals, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Population totals on 31 December by region: code → (name, year → total).</summary>
    public static SortedDictionary<string, (string Name, SortedDictionary<int, double> Totals)> ReadTotals(string path)
    {
        var result = new SortedDictionary<string, (string, SortedDictionary<int, double>)>(StringComparer.Ordinal);
        foreach (var row in Rows(path, "region", "region_name", "year", "value"))
        {
            if (!result.TryGetValue(row["region"], out var entry))
            {
                entry = (row["region_name"], new SortedDictionary<int, double>());
                result[row["region"]] = entry;
            }

            entry.Item2[row.Int("year")] = row.Number("value");
        }

        return result;
    }

    /// <summary>Population in the published age groups by region: code → values in <see cref="MunicipalSources.PublishedAgeGroups"/> order.</summary>
    public static SortedDictionary<string, double[]> ReadAgeGroups(string path, out int year)
    {
        var groups = MunicipalSources.PublishedAgeGroups;
        var result = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        year = 0;
        foreach (var row in Rows(path, "region", "year", "age", "value"))
        {
            year = row.Int("year");
            if (row["age"] == "total")
            {
                continue;
            }

            var index = -1;
            for (var g = 0; g < groups.Count; g++)
            {
                if (groups[g].Name == row["age"])
                {
                    index = g;
                }
            }

            if (index < 0)
            {
                throw row.Error($"age group '{row["age"]}' is not one of {string.Join(", ", groups.Select(g => g.Name))}.");
            }

            if (!result.TryGetValue(row["region"], out var values))
            {
                values = new double[groups.Count];
                result[row["region"]] = values;
            }

            values[index] = row.Number("value");
        }

        return result;
    }

    /// <summary>A quarter's components of change by region.</summary>
    public static SortedDictionary<string, QuarterComponents> ReadQuarter(string path)
    {
        var values = new SortedDictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var row in Rows(path, "region", "component", "value"))
        {
            if (!values.TryGetValue(row["region"], out var components))
            {
                components = new Dictionary<string, double>(StringComparer.Ordinal);
                values[row["region"]] = components;
            }

            // An empty value is "not published", e.g. a county's net migration within itself.
            if (row["value"].Length > 0)
            {
                components[row["component"]] = row.Number("value", allowNegative: true);
            }
        }

        var result = new SortedDictionary<string, QuarterComponents>(StringComparer.Ordinal);
        foreach (var (region, c) in values)
        {
            double Get(string name) => c.TryGetValue(name, out var v) ? v : throw new InvalidDataFileException($"{Path.GetFileName(path)}: region {region} has no '{name}'.");
            result[region] = new QuarterComponents(
                Get("live_births"),
                Get("deaths"),
                Get("in_migrants_total"),
                Get("out_migrants_total"),
                c.GetValueOrDefault("net_migration_own_county"),
                Get("net_migration_rest_of_sweden"),
                Get("net_migration_abroad"));
        }

        return result;
    }

    /// <summary>Sweden's published components of change for one year.</summary>
    public static NationalYear ReadNationalChange(string path)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var year = 0;
        foreach (var row in Rows(path, "year", "component", "value"))
        {
            year = row.Int("year");
            values[row["component"]] = row.Number("value", allowNegative: true);
        }

        double Get(string name) => values.TryGetValue(name, out var v) ? v : throw new InvalidDataFileException($"{Path.GetFileName(path)}: no '{name}'.");
        var population = values.FirstOrDefault(kv => kv.Key.StartsWith("population_" + year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)).Value;
        return new NationalYear(year, population, Get("live_births"), Get("deaths"), Get("immigrants"), Get("emigrants"));
    }

    /// <summary>The file's rows by column name, read with Sep (quotes and all); a missing column or a row of another width is refused naming the line.</summary>
    private static List<CsvRow> Rows(string path, params string[] required)
    {
        InvalidDataFileException.ThrowIfNotAFile(path);

        using var reader = Sep.New(',').Reader(options => options with { Unescape = true, DisableColCountCheck = true }).FromFile(path);
        var header = reader.Header.ColNames.ToArray();
        var missing = required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            throw InvalidDataFileException.At(path, 1, $"missing column(s) {string.Join(", ", missing)}.");
        }

        var rows = new List<CsvRow>();
        foreach (var row in reader)
        {
            if (row.ColCount == 1 && row[0].Span.IsEmpty)
            {
                continue;
            }

            if (row.ColCount != header.Length)
            {
                throw InvalidDataFileException.At(path, row.LineNumberFrom, $"expected {header.Length} fields, found {row.ColCount}.");
            }

            var cells = new string[row.ColCount];
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = row[c].ToString();
            }

            rows.Add(new CsvRow(path, row.LineNumberFrom, header, cells));
        }

        return rows;
    }

    private sealed class CsvRow(string path, int line, string[] header, string[] cells)
    {
        public string this[string column] => cells[Array.IndexOf(header, column)];

        public int Int(string column) =>
            int.TryParse(this[column], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error($"{column} '{this[column]}' is not a whole number.");

        public double Number(string column, bool allowNegative = false) =>
            double.TryParse(this[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && (allowNegative || value >= 0)
                ? value
                : throw Error($"{column} '{this[column]}' is not a {(allowNegative ? "" : "non-negative ")}number.");

        public InvalidDataFileException Error(string problem) => InvalidDataFileException.At(path, line, problem);
    }
}
