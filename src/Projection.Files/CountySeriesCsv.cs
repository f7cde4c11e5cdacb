using System.Globalization;
using Projection.Core;
using Projection.Estimation;

namespace Projection.Files;

/// <summary>
/// Reads SCB series in the long CSV form <c>region,year,sex,age,value</c> (population on
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

    private static IEnumerable<Row> Rows(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataFileException($"{path}: file not found.");
        }

        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (line == 1)
            {
                if (!text.StartsWith("region,year,sex,age,value", StringComparison.Ordinal))
                {
                    throw InvalidDataFileException.At(path, line, "expected the header 'region,year,sex,age,value'.");
                }

                continue;
            }

            if (text.Length == 0)
            {
                continue;
            }

            var cells = text.Split(',');
            if (cells.Length != 5)
            {
                throw InvalidDataFileException.At(path, line, $"expected 5 comma-separated fields, found {cells.Length}.");
            }

            if (!int.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                throw InvalidDataFileException.At(path, line, $"year '{cells[1]}' is not a year.");
            }

            var sex = cells[2] switch
            {
                "1" => Sex.Male,
                "2" => Sex.Female,
                _ => throw InvalidDataFileException.At(path, line, $"sex '{cells[2]}' is not 1 (men) or 2 (women)."),
            };
            if (!double.TryParse(cells[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || !double.IsFinite(value))
            {
                throw InvalidDataFileException.At(path, line, $"value '{cells[4]}' is not a non-negative number.");
            }

            yield return new Row(path, line, cells[0], year, sex, cells[3], value);
        }
    }

    private readonly record struct Row(string File, int Line, string Region, int Year, Sex Sex, string Age, double Value);
}
