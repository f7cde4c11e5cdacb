using System.Globalization;
using Projection.Core;
using Projection.Files;
using Projection.Scb;
using Projection.Store;

namespace Projection.Application;

/// <summary>
/// Seeds an empty store from the embedded default on first start: the published population
/// totals by region and year, kept as one table with origin "seeded". A store that already has
/// it (seeded before, fetched or imported) is left as it is: fetched data is preferred.
/// </summary>
public static class StoreSeeding
{
    public const string TotalsName = "populationTotal";

    public static SaveOutcome? SeedIfEmpty(SourceStore store, SeedDocument seed, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(time);
        if (store.List().Any(t => t.Name == TotalsName && t.Region == seed.County.Code))
        {
            return null;
        }

        var series = seed.Observed.Where(s => s.Measure == TotalsName).ToList();
        var regions = series.Select(s => s.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        var years = series.SelectMany(s => s.Periods).Distinct().Order(StringComparer.Ordinal).ToList();
        var values = new double[regions.Count * years.Count];
        Array.Fill(values, double.NaN);
        foreach (var s in series)
        {
            var r = regions.IndexOf(s.Region);
            for (var i = 0; i < s.Periods.Count; i++)
            {
                values[(r * years.Count) + years.IndexOf(s.Periods[i])] = s.Values[i];
            }
        }

        var names = seed.Regions.ToDictionary(r => r.Code, r => r.Name);
        names[seed.County.Code] = seed.County.Name;
        var table = new ScbTable(
            "seed",
            "Folkmängd 31 december (embedded default)",
            null,
            [
                new ScbDimension("Region", "region", regions, regions.ToDictionary(r => r, r => names.GetValueOrDefault(r, r)), true),
                new ScbDimension("Tid", "år", years, years.ToDictionary(y => y, y => y), false),
            ],
            values,
            new Dictionary<int, string>(),
            [series.FirstOrDefault()?.Provenance.Source ?? ""]);
        return store.Save(TotalsName, seed.County.Code, "seeded", seed.GeneratedBy, table, time.GetUtcNow());
    }

    /// <summary>Published totals by region and year from the store's totals table.</summary>
    public static SortedDictionary<string, SortedDictionary<int, double>> Totals(StoredTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var result = new SortedDictionary<string, SortedDictionary<int, double>>(StringComparer.Ordinal);
        foreach (var (codes, value) in table.Table.Cells())
        {
            if (double.IsNaN(value))
            {
                continue;
            }

            if (!result.TryGetValue(codes[0], out var years))
            {
                years = [];
                result[codes[0]] = years;
            }

            years[int.Parse(codes[1], CultureInfo.InvariantCulture)] = value;
        }

        return result;
    }
}
