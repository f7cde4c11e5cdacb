using Projection.Core;
using Projection.Estimation;
using Projection.Files;
using Projection.Scb;
using Projection.Store;

namespace Projection.Tests;

/// <summary>SCB's county series (shared/data/scb-county) written into a store as the tables SCB's API would return.</summary>
internal static class CountySeriesStore
{
    /// <summary>Writes SCB's county series as the tables SCB's API would return, into a store at <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<string> regions, int fromYear)
    {
        var layout = PopulationLayout.Default;
        var series = CountySeriesCsv.ReadDirectory(Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/" + CountySeriesCsv.PopulationFile))!, layout);
        var years = series["00"].Population.Keys.Where(y => y >= fromYear).Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var ages = Enumerable.Range(0, 100).Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("100+").ToArray();
        var motherAges = Enumerable.Range(15, 34).Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture)).Prepend("-14").Append("49+").ToArray();
        ScbDimension Dimension(string id, string[] codes) => new(id, id, codes, codes.ToDictionary(c => c, c => c), false);
        ScbTable Table(string id, string ageVariable, string[] ageCodes, Func<ObservedStatistics, int, int, Sex, double> value)
        {
            var dimensions = new[] { Dimension("Region", [.. regions]), Dimension(ageVariable, ageCodes), Dimension("Kon", ["1", "2"]), Dimension("Tid", years) };
            var values = new List<double>();
            foreach (var region in regions)
            {
                for (var a = 0; a < ageCodes.Length; a++)
                {
                    foreach (var sex in new[] { Sex.Male, Sex.Female })
                    {
                        foreach (var year in years)
                        {
                            values.Add(value(series[region], int.Parse(year, System.Globalization.CultureInfo.InvariantCulture), a, sex));
                        }
                    }
                }
            }

            return new ScbTable(id, id, null, dimensions, [.. values], new Dictionary<int, string>(), []);
        }

        var store = new SourceStore(path);
        var fetched = DateTimeOffset.UtcNow;
        store.Save("population", "00", "imported", "test", Table("TAB638", "Alder", ages, (o, y, a, s) => o.Population[y][layout.Index(s, a)]), fetched);
        store.Save("deaths", "00", "imported", "test", Table("TAB960", "Alder", ages, (o, y, a, s) => o.DeathsByAgeAtDeath.TryGetValue(y, out var d) ? d[layout.Index(s, a)] : 0), fetched);

        // Births by mother's age and child's sex: the child's sex split in proportion, as the shared extract keeps both separately.
        store.Save("births", "00", "imported", "test", Table("TAB1264", "AlderModer", motherAges, (o, y, a, s) =>
        {
            if (!o.BirthsByMotherAge.TryGetValue(y, out var byAge))
            {
                return 0;
            }

            var age = a == 0 ? RateEstimator.YoungestMotherAge : a == motherAges.Length - 1 ? RateEstimator.OldestMotherAge : 14 + a;
            var share = o.BirthsBySex[y][(int)s] / o.BirthsBySex[y].Sum();
            return byAge[age] * share;
        }), fetched);
    }

    /// <summary>Writes counties renamed as municipalities of <paramref name="county"/> (01 → 0101), as a fetch for that county would leave them.</summary>
    public static void WriteAsMunicipalities(string path, string county, IReadOnlyList<string> counties, int fromYear) =>
        WriteAs(path, county, counties.ToDictionary(c => c, c => county + c), fromYear);

    /// <summary>Writes the series of <paramref name="codes"/>' keys under their values' codes (09 → 0980, Gotland's one municipality), as a fetch for <paramref name="county"/> would leave them.</summary>
    public static void WriteAs(string path, string county, IReadOnlyDictionary<string, string> codes, int fromYear)
    {
        using var countyFile = new TemporaryStore();
        var temporary = countyFile.Path;
        Write(temporary, [.. codes.Keys], fromYear);
        var store = new SourceStore(path);
        foreach (var table in new SourceStore(temporary).List())
        {
            var dimensions = table.Table.Dimensions.Select(d => d.Id == "Region"
                ? d with { Codes = d.Codes.Select(c => codes[c]).ToList(), Labels = d.Codes.ToDictionary(c => codes[c], c => "county " + c) }
                : d).ToList();
            store.Save(table.Name, county, "imported", table.Query, table.Table with { Dimensions = dimensions }, table.FetchedAt);
        }

    }
}
