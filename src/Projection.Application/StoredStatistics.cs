using System.Globalization;
using Projection.Core;
using Projection.Estimation;
using Projection.Files;
using Projection.Scb;
using Projection.Store;

namespace Projection.Application;

/// <summary>
/// Turns the source tables in the store (fetched from SCB or imported) into
/// <see cref="ObservedStatistics"/> per region, the form estimation reads. Variables are found by
/// SCB's codes: Region, Alder (0..99, "100+"), AlderModer (mothers; "-14"/"&lt;15" and "49+" at
/// the edges, "us" unknown), Kon (1 men, 2 women), Tid, ContentsCode (migration: BE0101A2 domestic
/// in, A3 out, AX immigrants, AY emigrants). Deaths are kept as what the table says they are:
/// by age at death (BE0101D9, DodaHandelseK: a Lexis square) or by age reached during the year
/// (BE0101D8, DodaFodelsearK: a parallelogram); estimation reads each accordingly.
/// </summary>
public static class StoredStatistics
{
    public static IReadOnlyDictionary<string, ObservedStatistics> ToObserved(IReadOnlyList<StoredTable> tables, PopulationLayout layout)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var regions = new SortedDictionary<string, ObservedStatistics>(StringComparer.Ordinal);
        ObservedStatistics RegionOf(string code, ScbTable table) =>
            regions.TryGetValue(code, out var existing)
                ? existing
                : regions[code] = new ObservedStatistics(code, table.Dimension("Region").Labels.GetValueOrDefault(code, code), layout);

        foreach (var stored in tables)
        {
            var table = stored.Table;
            switch (stored.Name)
            {
                case "population":
                    ReadCells(table, layout, "Alder", (code, year) => Series(RegionOf(code, table).Population, year, layout.CellCount), stored.Name);
                    break;
                case "deaths" or ScbSources.DeathsByAgeReached:
                    var byAgeReached = table.HasDimension("ContentsCode") && table.Dimension("ContentsCode").Codes.SequenceEqual(["BE0101D8"]);
                    ReadCells(table, layout, "Alder", (code, year) => Series(byAgeReached ? RegionOf(code, table).DeathsByAgeReached : RegionOf(code, table).DeathsByAgeAtDeath, year, layout.CellCount), stored.Name);
                    break;
                case "births":
                    ReadBirths(table, layout, RegionOf);
                    break;
                case "migration":
                    ReadMigration(table, layout, RegionOf);
                    break;
            }
        }

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

    private static void ReadCells(ScbTable table, PopulationLayout layout, string ageVariable, Func<string, int, double[]> target, string name)
    {
        var positions = Positions(table, name, "Region", ageVariable, "Kon", "Tid");
        foreach (var (codes, value) in table.Cells())
        {
            if (double.IsNaN(value) || ScbCodes.IsTotal(codes[positions[1]]) || ScbCodes.IsTotal(codes[positions[2]]))
            {
                continue; // missing, or a totals row whose parts are counted
            }

            var age = Age(codes[positions[1]], layout, name);
            var sex = Sex(codes[positions[2]], name);
            target(codes[positions[0]], Year(codes[positions[3]], name))[layout.Index(sex, age)] += value;
        }
    }

    private static void ReadBirths(ScbTable table, PopulationLayout layout, Func<string, ScbTable, ObservedStatistics> regionOf)
    {
        var ageVariable = table.HasDimension("AlderModer") ? "AlderModer" : "Alder";
        var positions = Positions(table, "births", "Region", ageVariable, "Kon", "Tid");
        var unknown = new Dictionary<(string, int), double>();
        foreach (var (codes, value) in table.Cells())
        {
            if (double.IsNaN(value))
            {
                continue;
            }

            if (ScbCodes.IsTotal(codes[positions[1]]) || ScbCodes.IsTotal(codes[positions[2]]))
            {
                continue; // a totals row (all mothers' ages, both sexes): its parts are counted
            }

            var region = regionOf(codes[positions[0]], table);
            var year = Year(codes[positions[3]], "births");
            Series(region.BirthsBySex, year, 2)[(int)Sex(codes[positions[2]], "births")] += value;
            var byAge = Series(region.BirthsByMotherAge, year, layout.AgeCount);
            var ageCode = codes[positions[1]];
            if (ageCode is "us" or "no information" or "uppgift saknas")
            {
                unknown[(region.RegionCode, year)] = unknown.GetValueOrDefault((region.RegionCode, year)) + value;
            }
            else
            {
                byAge[MotherAge(ageCode)] += value;
            }
        }

        foreach (var ((code, year), count) in unknown)
        {
            var byAge = regionOf(code, table).BirthsByMotherAge[year];
            var known = byAge.Sum();
            for (var age = 0; age < byAge.Length && known > 0; age++)
            {
                byAge[age] += count * byAge[age] / known;
            }
        }
    }

    private static void ReadMigration(ScbTable table, PopulationLayout layout, Func<string, ScbTable, ObservedStatistics> regionOf)
    {
        var positions = Positions(table, "migration", "Region", "Alder", "Kon", "Tid", "ContentsCode");
        var flows = new Dictionary<(string Region, int Year), MigrationFlows>();
        foreach (var (codes, value) in table.Cells())
        {
            if (double.IsNaN(value))
            {
                continue;
            }

            if (ScbCodes.IsTotal(codes[positions[1]]) || ScbCodes.IsTotal(codes[positions[2]]))
            {
                continue;
            }

            var key = (codes[positions[0]], Year(codes[positions[3]], "migration"));
            if (!flows.TryGetValue(key, out var flow))
            {
                flow = new MigrationFlows(new double[layout.CellCount], new double[layout.CellCount], new double[layout.CellCount], new double[layout.CellCount]);
                flows[key] = flow;
            }

            var cell = layout.Index(Sex(codes[positions[2]], "migration"), Age(codes[positions[1]], layout, "migration"));
            var target = codes[positions[4]] switch
            {
                "BE0101A2" => flow.DomesticIn,
                "BE0101A3" => flow.DomesticOut,
                "BE0101AX" => flow.Immigration,
                "BE0101AY" => flow.Emigration,
                var other => throw new ScbFormatException($"migration: unknown content '{other}'."),
            };
            target[cell] += value;
        }

        foreach (var ((code, year), flow) in flows)
        {
            regionOf(code, table).Migration[year] = flow;
        }
    }

    private static int[] Positions(ScbTable table, string name, params string[] variables)
    {
        var positions = new int[variables.Length];
        for (var v = 0; v < variables.Length; v++)
        {
            positions[v] = -1;
            for (var d = 0; d < table.Dimensions.Count; d++)
            {
                if (table.Dimensions[d].Id == variables[v])
                {
                    positions[v] = d;
                }
            }

            if (positions[v] < 0)
            {
                throw new ScbFormatException($"{name} ({table.TableId}): no variable {variables[v]}; the table's layout may have changed.");
            }
        }

        return positions;
    }

    private static int Age(string code, PopulationLayout layout, string name)
    {
        if (code.EndsWith('+') && int.TryParse(code.AsSpan(0, code.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var open))
        {
            return Math.Min(open, layout.OldestAge);
        }

        return int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var age)
            ? Math.Min(age, layout.OldestAge)
            : throw new ScbFormatException($"{name}: age '{code}' is not a single year or an open group.");
    }

    private static int MotherAge(string code) => code switch
    {
        "-14" or "<15" => RateEstimator.YoungestMotherAge,
        "49+" or "49-" => RateEstimator.OldestMotherAge,
        _ when code.EndsWith('+') && int.TryParse(code.AsSpan(0, code.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var open) => Math.Clamp(open, RateEstimator.YoungestMotherAge, RateEstimator.OldestMotherAge),
        _ when int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var age) => Math.Clamp(age, RateEstimator.YoungestMotherAge, RateEstimator.OldestMotherAge),
        _ => throw new ScbFormatException($"births: mother's age '{code}' is not understood."),
    };

    private static Sex Sex(string code, string name) => code switch
    {
        "1" => Core.Sex.Male,
        "2" => Core.Sex.Female,
        _ => throw new ScbFormatException($"{name}: sex '{code}' is not 1 or 2."),
    };

    private static int Year(string code, string name) =>
        int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : throw new ScbFormatException($"{name}: year '{code}' is not a year.");
}
