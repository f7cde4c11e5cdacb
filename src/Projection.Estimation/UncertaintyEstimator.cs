using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// Estimates an <see cref="UncertaintyModel"/> from the year-to-year variation of the observed
/// series: the log total fertility rate, the log age-standardized death rate, and the net
/// migration rate from the balancing equation (P(t) − P(t−1) − births + deaths over the mean
/// population). For each, the national series gives the shared process and each region's
/// difference from the nation (pooled over regions) the regional one.
/// </summary>
/// <remarks>
/// Fertility and migration: AR(1) around the window's mean, φ = Σ z(t)z(t−1) / Σ z(t−1)²,
/// clamped to [0, 1], σ the residual standard deviation. National mortality: a random walk
/// (φ = 1) with σ the standard deviation of the yearly changes around their mean drift, the
/// error of the drift term in a Lee–Carter model (Lee and Carter 1992). Years whose stock
/// crosses a boundary change are left out of their region, with the pairs that touch them.
/// </remarks>
public static class UncertaintyEstimator
{
    /// <summary>The yearly series the model is estimated from, for one region.</summary>
    public sealed record YearlySeries(string Region, SortedDictionary<int, double> LogFertility, SortedDictionary<int, double> LogMortality, SortedDictionary<int, double> NetMigrationRate);

    /// <summary>
    /// Estimates the model from <paramref name="regions"/> over <paramref name="firstYear"/>..<paramref name="lastYear"/>,
    /// where <paramref name="nationalCode"/> is the nation and every other region one of its parts.
    /// <paramref name="breaks"/> lists boundary changes as (region, first year whose year-end stock is on the new boundary);
    /// <paramref name="source"/> is recorded in the model.
    /// </summary>
    public static UncertaintyModel Estimate(
        IReadOnlyDictionary<string, ObservedStatistics> regions,
        string nationalCode,
        int firstYear,
        int lastYear,
        IReadOnlyCollection<(string Region, int Year)> breaks,
        string source)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(breaks);
        var errors = new ValidationErrors();
        if (!regions.ContainsKey(nationalCode))
        {
            errors.Add("regions", $"the national series '{nationalCode}' is missing.");
        }

        if (regions.Count < 3)
        {
            errors.Add("regions", "at least two regions besides the nation are needed to estimate regional variation.");
        }

        if (lastYear - firstYear < 9)
        {
            errors.Add("years", "at least ten years are needed.");
        }

        errors.ThrowIfAny();
        var standard = regions[nationalCode].Population[lastYear];
        var national = Series(regions[nationalCode], firstYear, lastYear, [], standard);
        var regional = regions
            .Where(r => r.Key != nationalCode)
            .Select(r => Series(r.Value, firstYear, lastYear, [.. breaks.Where(b => b.Region == r.Key).Select(b => b.Year)], standard))
            .ToList();

        return new UncertaintyModel
        {
            FertilityNational = Autoregressive([Demeaned(national.LogFertility)]),
            MortalityNational = RandomWalk(national.LogMortality),
            MigrationNational = RandomWalk(national.NetMigrationRate),
            FertilityRegional = Autoregressive([.. regional.Select(r => Demeaned(Difference(r.LogFertility, national.LogFertility)))]),
            MortalityRegional = Autoregressive([.. regional.Select(r => Demeaned(Difference(r.LogMortality, national.LogMortality)))]),
            MigrationRegional = Autoregressive([.. regional.Select(r => Demeaned(Difference(r.NetMigrationRate, national.NetMigrationRate)))]),
            Source = source,
        };
    }

    /// <summary>The three yearly series of one region over the years that can be computed and do not touch a break.</summary>
    public static YearlySeries Series(ObservedStatistics observed, int firstYear, int lastYear, IReadOnlyCollection<int> breakYears, double[] standard)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(breakYears);
        var layout = observed.Layout;
        var fertility = new SortedDictionary<int, double>();
        var mortality = new SortedDictionary<int, double>();
        var migration = new SortedDictionary<int, double>();
        var femaleOffset = layout.SexOffset(Sex.Female);
        for (var year = firstYear; year <= lastYear; year++)
        {
            if (!observed.CanEstimate(year) || breakYears.Contains(year))
            {
                continue;
            }

            var start = observed.Population[year - 1];
            var end = observed.Population[year];
            var births = observed.BirthsByMotherAge[year];
            var tfr = 0.0;
            for (var age = RateEstimator.YoungestMotherAge; age <= RateEstimator.OldestMotherAge; age++)
            {
                var women = (start[femaleOffset + age] + end[femaleOffset + age]) / 2;
                tfr += women > 0 ? births[age] / women : 0;
            }

            var deathRate = MortalityTrend.StandardizedDeathRate(observed, year, standard);
            var startTotal = PopulationIndicators.Total(start);
            var endTotal = PopulationIndicators.Total(end);
            var net = endTotal - startTotal - observed.BirthsBySex[year].Sum() + observed.TotalDeaths(year);
            if (tfr > 0 && deathRate > 0 && startTotal + endTotal > 0)
            {
                fertility[year] = Math.Log(tfr);
                mortality[year] = Math.Log(deathRate);
                migration[year] = net / ((startTotal + endTotal) / 2);
            }
        }

        return new YearlySeries(observed.RegionCode, fertility, mortality, migration);
    }

    /// <summary>AR(1) fitted to several demeaned series at once, using the consecutive years within each.</summary>
    public static AutoregressiveProcess Autoregressive(IReadOnlyList<SortedDictionary<int, double>> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        double lagged = 0, cross = 0;
        foreach (var s in series)
        {
            foreach (var (year, value) in s)
            {
                if (s.TryGetValue(year - 1, out var previous))
                {
                    lagged += previous * previous;
                    cross += value * previous;
                }
            }
        }

        var persistence = lagged > 0 ? Math.Clamp(cross / lagged, 0, 1) : 0;
        double squares = 0;
        var pairs = 0;
        foreach (var s in series)
        {
            foreach (var (year, value) in s)
            {
                if (s.TryGetValue(year - 1, out var previous))
                {
                    var residual = value - (persistence * previous);
                    squares += residual * residual;
                    pairs++;
                }
            }
        }

        return new AutoregressiveProcess(persistence, pairs > 1 ? Math.Sqrt(squares / (pairs - 1)) : 0);
    }

    /// <summary>A random walk whose step is the standard deviation of the yearly changes around their mean (the drift is the scenario's).</summary>
    public static AutoregressiveProcess RandomWalk(SortedDictionary<int, double> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var changes = series.Where(p => series.ContainsKey(p.Key - 1)).Select(p => p.Value - series[p.Key - 1]).ToList();
        if (changes.Count < 2)
        {
            return new AutoregressiveProcess(1, 0);
        }

        var mean = changes.Average();
        return new AutoregressiveProcess(1, Math.Sqrt(changes.Sum(c => (c - mean) * (c - mean)) / (changes.Count - 1)));
    }

    private static SortedDictionary<int, double> Difference(SortedDictionary<int, double> region, SortedDictionary<int, double> nation) =>
        new(region.Where(p => nation.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => p.Value - nation[p.Key]));

    private static SortedDictionary<int, double> Demeaned(SortedDictionary<int, double> series)
    {
        var mean = series.Count > 0 ? series.Values.Average() : 0;
        return new(series.ToDictionary(p => p.Key, p => p.Value - mean));
    }
}
