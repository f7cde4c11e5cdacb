using System.Globalization;
using nietras.SeparatedValues;
using Projection.Core;
using Projection.Estimation;

namespace Projection.Files;

/// <summary>
/// Reads SCB series in the long CSV form <c>region,year,sex,age,value</c> (the municipal files add <c>region_name</c>) (population on
/// 31 December, deaths by age at death, births by mother's age and child's sex) into
/// <see cref="ObservedStatistics"/> per region. Ages are 0..99 and "100+"; a mother's age may
/// also be "&lt;15", "49+" or "no information" (spread over the known ages in proportion).
/// </summary>
public static class CountySeriesCsv
{
    /// <summary>The file names used in the shared county extract.</summary>
    public const string PopulationFile = "population_31dec_by_age_sex.csv";

    public const string DeathsFile = "deaths_by_age_sex.csv";

    public const string BirthsFile = "births_by_mother_age_child_sex.csv";

    /// <summary>Reads the three files from <paramref name="directory"/>; <paramref name="names"/> maps region codes to names.</summary>
    public static IReadOnlyDictionary<string, ObservedStatistics> ReadDirectory(string directory, PopulationLayout layout, IReadOnlyDictionary<string, string>? names = null)
    {
        var regions = new SortedDictionary<string, ObservedStatistics>(StringComparer.Ordinal);
        ObservedStatistics RegionOf(string code) =>
            regions.TryGetValue(code, out var existing)
                ? existing
                : regions[code] = new ObservedStatistics(code, names is not null && names.TryGetValue(code, out var name) ? name : code, layout);

        ReadCells(Path.Combine(directory, PopulationFile), layout, (code, year) => Series(RegionOf(code).Population, year, layout.CellCount));
        ReadCells(Path.Combine(directory, DeathsFile), layout, (code, year) => Series(RegionOf(code).DeathsByAgeAtDeath, year, layout.CellCount));
        ReadBirths(Path.Combine(directory, BirthsFile), layout, RegionOf);
        return regions;
    }

    /// <summary>
    /// Reads one population file (e.g. the municipal <c>population_31dec2019_by_age_sex.csv</c>):
    /// each region's population by sex and age per year, named by its region_name column where there is one.
    /// </summary>
    public static IReadOnlyDictionary<string, ObservedStatistics> ReadPopulation(string path, PopulationLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var regions = new SortedDictionary<string, ObservedStatistics>(StringComparer.Ordinal);
        foreach (var row in Rows(path))
        {
            if (!regions.TryGetValue(row.Region, out var region))
            {
                region = regions[row.Region] = new ObservedStatistics(row.Region, row.Name ?? row.Region, layout);
            }

            Series(region.Population, row.Year, layout.CellCount)[layout.Index(row.Sex, ParseAge(row, layout))] += row.Value;
        }

        return regions;
    }

    /// <summary>Reads a births file (mother's age and child's sex, e.g. the municipal <c>births_2002_2003_by_mother_age_child_sex.csv</c>) per region.</summary>
    public static IReadOnlyDictionary<string, ObservedStatistics> ReadBirthsFile(string path, PopulationLayout layout)
    {
        var regions = new SortedDictionary<string, ObservedStatistics>(StringComparer.Ordinal);
        ReadBirths(path, layout, code => regions.TryGetValue(code, out var existing) ? existing : regions[code] = new ObservedStatistics(code, code, layout));
        return regions;
    }

    /// <summary>Reads population totals by sex (rows whose age is "total", e.g. <c>population_31dec2001_2004_total_by_sex.csv</c>): region → year → [men, women].</summary>
    public static IReadOnlyDictionary<string, SortedDictionary<int, double[]>> ReadTotalsBySex(string path)
    {
        var totals = new SortedDictionary<string, SortedDictionary<int, double[]>>(StringComparer.Ordinal);
        foreach (var row in Rows(path).Where(r => r.Age == "total"))
        {
            if (!totals.TryGetValue(row.Region, out var years))
            {
                totals[row.Region] = years = [];
            }

            Series(years, row.Year, 2)[(int)row.Sex] += row.Value;
        }

        return totals;
    }

    /// <summary>The names of a file's regions by code (its <c>region_name</c> column), e.g. the counties' names in the municipal totals.</summary>
    public static IReadOnlyDictionary<string, string> ReadRegionNames(string path)
    {
        var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in Rows(path).Where(r => r.Name is not null))
        {
            names.TryAdd(row.Region, row.Name!);
        }

        return names;
    }

    private static double[] Series(SortedDictionary<int, double[]> series, int year, int length)
    {
        if (!series.TryGetValue(year, out var values))
        {
            values = new double[length];
            series[year] = values;
        }

        return values;
    }

    private static void ReadCells(string path, PopulationLayout layout, Func<string, int, double[]> target)
    {
        foreach (var row in Rows(path))
        {
            var age = ParseAge(row, layout);
            target(row.Region, row.Year)[layout.Index(row.Sex, age)] += row.Value;
        }
    }

    private static void ReadBirths(string path, PopulationLayout layout, Func<string, ObservedStatistics> regionOf)
    {
        var unknown = new Dictionary<(string Region, int Year), double>();
        foreach (var row in Rows(path))
        {
            var region = regionOf(row.Region);
            Series(region.BirthsBySex, row.Year, 2)[(int)row.Sex] += row.Value;
            var byAge = Series(region.BirthsByMotherAge, row.Year, layout.AgeCount);
            switch (row.Age)
            {
                case "no information":
                    unknown[(row.Region, row.Year)] = unknown.GetValueOrDefault((row.Region, row.Year)) + row.Value;
                    break;
                case "<15":
                    byAge[RateEstimator.YoungestMotherAge] += row.Value;
                    break;
                case "49+":
                    byAge[RateEstimator.OldestMotherAge] += row.Value;
                    break;
                default:
                    byAge[ParseAge(row, layout)] += row.Value;
                    break;
            }
        }

        foreach (var ((code, year), count) in unknown)
        {
            if (count == 0)
            {
                continue;
            }

            var byAge = regionOf(code).BirthsByMotherAge[year];
            var known = byAge.Sum();
            for (var age = 0; age < byAge.Length && known > 0; age++)
            {
                byAge[age] += count * byAge[age] / known;
            }
        }
    }

    private static int ParseAge(Row row, PopulationLayout layout)
    {
        if (row.Age == $"{layout.OldestAge}+")
        {
            return layout.OldestAge;
        }

        if (int.TryParse(row.Age, NumberStyles.None, CultureInfo.InvariantCulture, out var age) && age < layout.OldestAge)
        {
            return age;
        }

        throw InvalidDataFileException.At(row.File, row.Line, $"age '{row.Age}' is not 0..{layout.OldestAge - 1} or {layout.OldestAge}+.");
    }

    /// <summary>
    /// The rows of one file, read by column name with Sep (quotes and a BOM handled): the columns
    /// region, year, sex, age and value; other columns (the municipal files' region_name) are
    /// passed over. Every problem names the file and line.
    /// </summary>
    private static List<Row> Rows(string path)
    {
        InvalidDataFileException.ThrowIfNotAFile(path);

        using var reader = Sep.Reader(options => options with { Unescape = true, Trim = SepTrim.Outer }).FromFile(path);
        foreach (var column in Columns)
        {
            if (!reader.Header.TryIndexOf(column, out _))
            {
                throw InvalidDataFileException.At(path, 1, $"no column '{column}'; expected the columns {string.Join(",", Columns)} (region_name may stand beside them).");
            }
        }

        var hasName = reader.Header.TryIndexOf("region_name", out _);
        var rows = new List<Row>();
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            var yearText = row["year"].ToString();
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                throw InvalidDataFileException.At(path, line, $"year '{yearText}' is not a year.");
            }

            var sexText = row["sex"].ToString();
            var sex = sexText switch
            {
                "1" => Sex.Male,
                "2" => Sex.Female,
                _ => throw InvalidDataFileException.At(path, line, $"sex '{sexText}' is not 1 (men) or 2 (women)."),
            };
            var valueText = row["value"].ToString();
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || !double.IsFinite(value))
            {
                throw InvalidDataFileException.At(path, line, $"value '{valueText}' is not a non-negative number.");
            }

            rows.Add(new Row(path, line, row["region"].ToString(), year, sex, row["age"].ToString(), value, hasName ? row["region_name"].ToString() : null));
        }

        return rows;
    }

    private static readonly string[] Columns = ["region", "year", "sex", "age", "value"];

    private readonly record struct Row(string File, int Line, string Region, int Year, Sex Sex, string Age, double Value, string? Name);
}
