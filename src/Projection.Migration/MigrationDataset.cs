using Projection.Core;
using Projection.Estimation;

namespace Projection.Migration;

/// <summary>
/// Builds <see cref="MigrationExample"/> rows from yearly series: for every region (not the
/// nation), base year with ten years of history, age group and horizon 1..5 whose target year is
/// in the data. Years whose stock crosses a boundary change are left out of their region
/// (Heby moved from Västmanland to Uppsala in the 2006 stock), with every row that would read them.
/// </summary>
public static class MigrationDataset
{
    /// <summary>Horizons predicted, in years.</summary>
    public const int MaxHorizon = 5;

    /// <summary>Years of history a row reads.</summary>
    public const int History = 10;

    /// <summary>Net migration rates per 1,000 by region → year → group.</summary>
    public static Dictionary<string, SortedDictionary<int, double[]>> Rates(IReadOnlyDictionary<string, ObservedStatistics> data, IReadOnlyCollection<(string Region, int Year)> breaks)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(breaks);
        var rates = new Dictionary<string, SortedDictionary<int, double[]>>(StringComparer.Ordinal);
        foreach (var (code, observed) in data)
        {
            var series = new SortedDictionary<int, double[]>();
            foreach (var year in observed.Population.Keys)
            {
                if (breaks.Contains((code, year)) || NetMigrationHistory.Rates(observed, year) is not { } perPerson)
                {
                    continue;
                }

                series[year] = [.. perPerson.Select(r => r * 1000)];
            }

            rates[code] = series;
        }

        return rates;
    }

    /// <summary>The rows of every region but <paramref name="nationalCode"/>, for base years in <paramref name="baseYears"/> (all when null); targets are filled where known (NaN otherwise).</summary>
    public static List<MigrationExample> Examples(
        IReadOnlyDictionary<string, ObservedStatistics> data,
        Dictionary<string, SortedDictionary<int, double[]>> rates,
        string nationalCode,
        Func<int, bool>? baseYears = null,
        bool requireTarget = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rates);
        var national = rates[nationalCode];
        var rows = new List<MigrationExample>();
        foreach (var (code, series) in rates.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (code == nationalCode)
            {
                continue;
            }

            var observed = data[code];
            foreach (var baseYear in series.Keys)
            {
                if (baseYears is not null && !baseYears(baseYear))
                {
                    continue;
                }

                var history = Enumerable.Range(baseYear - History + 1, History).ToList();
                if (!history.All(series.ContainsKey) || !national.ContainsKey(baseYear) || !observed.Population.ContainsKey(baseYear - 5))
                {
                    continue;
                }

                var total = PopulationIndicators.Total(observed.Population[baseYear]);
                var growth = Math.Log(total / PopulationIndicators.Total(observed.Population[baseYear - 5])) / 5;
                for (var g = 0; g < NetMigrationHistory.Groups.Count; g++)
                {
                    var values = history.Select(y => series[y][g]).ToArray();
                    var group = NetMigrationHistory.Groups[g];
                    var share = PopulationIndicators.SumOfAges(observed.Population[baseYear], observed.Layout, group.FromAge, group.LastAge(observed.Layout)) / total;
                    for (var h = 1; h <= MaxHorizon; h++)
                    {
                        var known = series.TryGetValue(baseYear + h, out var target);
                        if (requireTarget && !known)
                        {
                            continue;
                        }

                        rows.Add(new MigrationExample
                        {
                            Region = code,
                            BaseYear = baseYear,
                            Horizon = h,
                            AgeGroup = g,
                            Last = (float)values[^1],
                            Mean5 = (float)values[^5..].Average(),
                            Mean10 = (float)values.Average(),
                            Slope10 = (float)Slope(values),
                            NationalLast = (float)national[baseYear][g],
                            NationalMean5 = (float)Enumerable.Range(baseYear - 4, 5).Where(national.ContainsKey).Average(y => national[y][g]),
                            LogPopulation = (float)Math.Log(total),
                            GroupShare = (float)share,
                            Growth5 = (float)growth,
                            Target = known ? (float)target![g] : float.NaN,
                        });
                    }
                }
            }
        }

        return rows;
    }

    private static double Slope(double[] values)
    {
        var n = values.Length;
        var meanX = (n - 1) / 2.0;
        var meanY = values.Average();
        double sxy = 0, sxx = 0;
        for (var i = 0; i < n; i++)
        {
            sxy += (i - meanX) * (values[i] - meanY);
            sxx += (i - meanX) * (i - meanX);
        }

        return sxy / sxx;
    }
}
