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

    /// <summary>A municipality's own migration deviation from its county, as the municipal totals give it.</summary>
    /// <param name="Process">AR(1) of a municipality of <paramref name="ReferencePopulation"/> people.</param>
    /// <param name="ReferencePopulation">The population whose σ <paramref name="Process"/> gives.</param>
    /// <param name="SizeExponent">β: σ(P) = σ × (reference / P)^β.</param>
    /// <param name="Municipalities">How many municipalities it was estimated from.</param>
    public sealed record LocalDeviation(AutoregressiveProcess Process, double ReferencePopulation, double SizeExponent, int Municipalities);

    /// <summary>
    /// The local deviation from the yearly totals of one county's municipalities over
    /// <paramref name="firstYear"/>..<paramref name="lastYear"/>: each municipality's growth rate
    /// less that of the rest of its county (the other municipalities together: Västerås is more than
    /// half of Västmanland, and against the whole county it would be compared with itself), around
    /// its own mean over the years, is its migration's departure (natural increase differs little
    /// from year to year). φ is pooled over the municipalities. Each departure's variance holds the
    /// rest's too, which is taken off (municipalities departing independently); then each
    /// municipality's σ is regressed on its mean population, log σ = a − β log P, which gives σ at
    /// <paramref name="referencePopulation"/> and β (clamped to [0, 1]).
    /// </summary>
    public static LocalDeviation EstimateLocal(IReadOnlyDictionary<string, SortedDictionary<int, double>> municipalTotals, int firstYear, int lastYear, double referencePopulation = 10_000)
    {
        ArgumentNullException.ThrowIfNull(municipalTotals);
        var years = Enumerable.Range(firstYear - 1, lastYear - firstYear + 2).ToList();
        var complete = municipalTotals.Where(m => years.All(y => m.Value.TryGetValue(y, out var v) && v > 0)).ToList();
        var errors = new ValidationErrors();
        if (complete.Count < 3)
        {
            errors.Add("municipalTotals", $"at least three municipalities with a total for every year {firstYear - 1}–{lastYear} are needed, {complete.Count} have one.");
        }

        if (lastYear - firstYear < 9)
        {
            errors.Add("years", "at least ten years are needed.");
        }

        errors.ThrowIfAny();
        var county = years.ToDictionary(y => y, y => complete.Sum(m => m.Value[y]));
        double Rest(KeyValuePair<string, SortedDictionary<int, double>> municipality, int year) => county[year] - municipality.Value[year];
        var departures = complete.Select(m => new SortedDictionary<int, double>(
            Enumerable.Range(firstYear, lastYear - firstYear + 1).ToDictionary(y => y, y => (m.Value[y] / m.Value[y - 1]) - (Rest(m, y) / Rest(m, y - 1)))))
            .Select(Demeaned)
            .ToList();
        var pooled = Autoregressive(departures);

        // Each departure's residual variance is its own σ² plus the rest's, Σ w_k² σ_k² over the others (weights: their
        // shares of the rest), if municipalities depart independently: the rest's part is taken off, a few rounds to settle.
        var size = complete.Select(m => years.Skip(1).Average(y => m.Value[y])).ToArray();
        var raw = departures.Select(d =>
        {
            var residuals = d.Where(p => d.ContainsKey(p.Key - 1)).Select(p => p.Value - (pooled.Persistence * d[p.Key - 1])).ToList();
            return residuals.Sum(r => r * r) / (residuals.Count - 1);
        }).ToArray();
        var all = size.Sum();
        var own = (double[])raw.Clone();
        for (var round = 0; round < 10; round++)
        {
            own = [.. raw.Select((variance, m) =>
            {
                var rest = all - size[m];
                var restVariance = Enumerable.Range(0, size.Length).Where(k => k != m).Sum(k => Math.Pow(size[k] / rest, 2) * own[k]);
                return Math.Max(variance - restVariance, variance / 10);
            })];
        }

        var logSize = size.Select(p => Math.Log(p)).ToList();
        var logSd = own.Select(v => Math.Log(Math.Max(Math.Sqrt(v), 1e-9))).ToList();

        // Least squares of log σ on log P (MathNet); the line passes through the means, so σ at the
        // reference follows from them and β (clamped), with no extrapolation of the intercept.
        var (_, slope) = MathNet.Numerics.Fit.Line([.. logSize], [.. logSd]);
        // Municipalities within a factor of two of one another in size say nothing of how σ goes with size: β is then 0.
        var exponent = double.IsFinite(slope) && logSize.Max() - logSize.Min() >= Math.Log(2) ? Math.Clamp(-slope, 0, 1) : 0;
        var atReference = Math.Exp(logSd.Average() + (exponent * (logSize.Average() - Math.Log(referencePopulation))));
        return new LocalDeviation(new AutoregressiveProcess(pooled.Persistence, Math.Min(atReference, 1)), referencePopulation, exponent, complete.Count);
    }

    /// <summary>A yearly change of a municipality's total larger than this is taken for a boundary change, not migration (SCB's 2001–2004 totals: Uppsala −6.0 % in 2002 as Knivsta was split off; no other municipality moved more than 2.8 %).</summary>
    public const double BoundaryChange = 0.05;

    /// <summary>
    /// The local deviation's σ and β from a few years of yearly totals of the municipalities of
    /// many counties (SCB's 2001–2004 for all 290), its persistence <paramref name="persistence"/>
    /// given (one county's long series, <see cref="EstimateLocal"/>; three yearly changes cannot
    /// tell φ). Each municipality's growth less the rest of its county's, around its own mean over
    /// the years, has the expected sample variance of a stationary AR(1): σ² (reference / P)^2β /
    /// (1 − φ²) times 1 − Σ_{i≠j} φ^|i−j| / (n(n − 1)) for n changes, plus the rest's part (the
    /// other municipalities, independently, weighted by their shares of the rest). Each sample
    /// variance is taken as that times χ²(n − 1)/(n − 1); σ² and β are their maximum-likelihood
    /// values, β on a grid of 0.01 in [0, 1] and σ² in closed form for each. Municipalities of
    /// <paramref name="exceptCounty"/>, those lacking a year, those whose total moves by more than
    /// <see cref="BoundaryChange"/> in a year (and with them out of their county's rest), and those
    /// alone in their county are left out.
    /// </summary>
    public static LocalDeviation EstimateLocalAcrossCounties(IReadOnlyDictionary<string, SortedDictionary<int, double>> municipalTotals, int firstYear, int lastYear, double persistence, string? exceptCounty = null, double referencePopulation = 10_000)
    {
        ArgumentNullException.ThrowIfNull(municipalTotals);
        var errors = new ValidationErrors();
        if (lastYear - firstYear < 1)
        {
            errors.Add("years", "at least two yearly changes are needed.");
        }

        if (!(persistence is >= 0 and < 1))
        {
            errors.Add("persistence", $"must be at least 0 and below 1, was {persistence}.");
        }

        errors.ThrowIfAny();
        var years = Enumerable.Range(firstYear - 1, lastYear - firstYear + 2).ToList();
        var kept = municipalTotals
            .Where(m => Region.IsMunicipalityCode(m.Key) && (exceptCounty is null || !m.Key.StartsWith(exceptCounty, StringComparison.Ordinal)))
            .Where(m => years.All(y => m.Value.TryGetValue(y, out var v) && v > 0))
            .Where(m => years.Skip(1).All(y => Math.Abs((m.Value[y] / m.Value[y - 1]) - 1) <= BoundaryChange))
            .GroupBy(m => m.Key[..2], StringComparer.Ordinal)
            .Where(county => county.Count() >= 2)
            .ToList();
        var changes = lastYear - firstYear + 1;
        var lagSum = 0.0;
        for (var i = 0; i < changes; i++)
        {
            for (var j = 0; j < changes; j++)
            {
                lagSum += i == j ? 0 : Math.Pow(persistence, Math.Abs(i - j));
            }
        }

        // E[s²] = σ² × demeaning × (own size term + the rest's), for a unit σ² at the reference.
        var demeaning = (1 - (lagSum / (changes * (changes - 1.0)))) / (1 - (persistence * persistence));
        var cases = new List<(double SampleVariance, double[] Weights, double[] Sizes)>();
        foreach (var county in kept)
        {
            var members = county.ToList();
            var sizes = members.Select(m => years.Skip(1).Average(y => m.Value[y])).ToArray();
            for (var i = 0; i < members.Count; i++)
            {
                var departures = years.Skip(1).Select(y =>
                {
                    double rest = 0, restBefore = 0;
                    for (var k = 0; k < members.Count; k++)
                    {
                        if (k != i)
                        {
                            rest += members[k].Value[y];
                            restBefore += members[k].Value[y - 1];
                        }
                    }

                    return (members[i].Value[y] / members[i].Value[y - 1]) - (rest / restBefore);
                }).ToArray();
                var mean = departures.Average();
                var sampleVariance = departures.Sum(d => (d - mean) * (d - mean)) / (changes - 1);
                var restSize = sizes.Where((_, k) => k != i).Sum();
                // The municipality itself first, then each of the rest with the square of its share.
                var weights = sizes.Select((size, k) => k == i ? 1 : Math.Pow(size / restSize, 2)).ToArray();
                cases.Add((sampleVariance, weights, sizes));
            }
        }

        if (cases.Count < 3)
        {
            throw new InvalidInputException(new Dictionary<string, string[]> { ["municipalTotals"] = [$"at least three municipalities, in counties of two or more, with a total for every year {firstYear - 1}–{lastYear} are needed, {cases.Count} have one."] });
        }

        (double Deviance, double Exponent, double Variance) best = (double.PositiveInfinity, 0, 0);
        for (var step = 0; step <= 100; step++)
        {
            var exponent = step / 100.0;
            var unit = cases.Select(c => demeaning * c.Weights.Select((w, k) => w * Math.Pow(referencePopulation / c.Sizes[k], 2 * exponent)).Sum()).ToArray();
            var variance = cases.Select((c, m) => c.SampleVariance / unit[m]).Average();
            var deviance = cases.Select((c, m) => Math.Log(variance * unit[m]) + (c.SampleVariance / (variance * unit[m]))).Sum();
            if (deviance < best.Deviance)
            {
                best = (deviance, exponent, variance);
            }
        }

        return new LocalDeviation(new AutoregressiveProcess(persistence, Math.Min(Math.Sqrt(best.Variance), 1)), referencePopulation, best.Exponent, cases.Count);
    }

    private static SortedDictionary<int, double> Difference(SortedDictionary<int, double> region, SortedDictionary<int, double> nation) =>
        new(region.Where(p => nation.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => p.Value - nation[p.Key]));

    private static SortedDictionary<int, double> Demeaned(SortedDictionary<int, double> series)
    {
        var mean = series.Count > 0 ? series.Values.Average() : 0;
        return new(series.ToDictionary(p => p.Key, p => p.Value - mean));
    }
}
