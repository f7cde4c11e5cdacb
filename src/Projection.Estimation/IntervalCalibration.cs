using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// How well the stochastic intervals cover what happened: from each base year, the regions
/// (counties) are projected together as they were known then, with an uncertainty model
/// estimated from the years up to the base only, and each observed total is checked against the
/// 80 % and 95 % intervals; so is the sum of the regions, where a shared national deviation matters,
/// and, when asked, each age group's count.
/// </summary>
/// <remarks>
/// Every region uses the nation's mortality trend of the 20 years to the base (one scenario for
/// the joint projection), where the deterministic backtest uses each region's own.
/// </remarks>
public static class IntervalCalibration
{
    /// <summary>One check: a region (or "all") from a base year over a horizon.</summary>
    /// <param name="Region">Region code, or <see cref="ProjectionIntervals.AllRegions"/> for their sum.</param>
    /// <param name="BaseYear">The base year.</param>
    /// <param name="Horizon">Years after it.</param>
    /// <param name="Observed">What happened.</param>
    /// <param name="Interval">The quantiles at <see cref="ProjectionIntervals.Levels"/>.</param>
    /// <param name="Indicator">"total", or the age group's name.</param>
    public sealed record Check(string Region, int BaseYear, int Horizon, double Observed, double[] Interval, string Indicator = "total")
    {
        public bool In80 => Observed >= Interval[1] && Observed <= Interval[3];

        public bool In95 => Observed >= Interval[0] && Observed <= Interval[4];

        /// <summary>Whether what happened fell below the 80 % interval.</summary>
        public bool Below80 => Observed < Interval[1];

        /// <summary>Whether what happened fell above the 80 % interval.</summary>
        public bool Above80 => Observed > Interval[3];

        /// <summary>The 80 % interval's width relative to the median.</summary>
        public double RelativeWidth80 => (Interval[3] - Interval[1]) / Interval[2];
    }

    /// <summary>
    /// Runs every base year; regions whose years cross a boundary change are left out of that base.
    /// Checks the totals, and each of <paramref name="ageGroups"/> when given.
    /// </summary>
    public static IReadOnlyList<Check> Run(
        IReadOnlyDictionary<string, ObservedStatistics> data,
        string nationalCode,
        IReadOnlyList<int> bases,
        IReadOnlyList<int> horizons,
        IReadOnlyCollection<(string Region, int Year)> breaks,
        StochasticOptions options,
        bool withNationalDeviation = true,
        double nationalMigrationScale = 1,
        double regionalMigrationScale = 1,
        IReadOnlyList<AgeGroup>? ageGroups = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(horizons);
        ArgumentNullException.ThrowIfNull(breaks);
        var longest = horizons.Max();
        var groups = ageGroups ?? [];
        var cases = new List<Check>();
        var nation = data[nationalCode];
        foreach (var baseYear in bases)
        {
            var (first, last) = Backtest.YearsRead(baseYear, longest);
            var regions = data.Values
                .Where(o => o.RegionCode != nationalCode)
                .Where(o => !breaks.Any(b => b.Region == o.RegionCode && first < b.Year && last >= b.Year))
                .Where(o => o.Population.ContainsKey(first) && o.Population.ContainsKey(last))
                .OrderBy(o => o.RegionCode, StringComparer.Ordinal)
                .ToList();
            if (regions.Count == 0)
            {
                continue;
            }

            var known = breaks.Where(b => b.Year <= baseYear).ToList();
            // From the first year whose change the series show (the year after its first year-end), to the base.
            var model = UncertaintyEstimator.Estimate(data, nationalCode, nation.Population.Keys.First() + 1, baseYear, known, "calibration").WithMigrationScales(nationalMigrationScale, regionalMigrationScale);
            if (!withNationalDeviation)
            {
                model = model with { FertilityNational = default, MortalityNational = default, MigrationNational = default };
            }

            var input = new ProjectionInput
            {
                Layout = nation.Layout,
                BaseYear = baseYear,
                Regions = [.. regions.Select(o => Backtest.RegionAt(o, baseYear, new EstimationWindows()))],
                MortalityImprovementByAge = MortalityImprovementByAge.Fit(nation, baseYear - Backtest.MortalityTrendYears + 1, baseYear),
            };
            var intervals = StochasticProjector.Project(input, Backtest.ScenarioAt(nation, baseYear, longest), model, options with { AgeGroups = groups });
            foreach (var horizon in horizons)
            {
                for (var r = 0; r < intervals.RegionCodes.Count; r++)
                {
                    var counted = r < regions.Count ? [regions[r]] : regions;
                    for (var indicator = 0; indicator <= groups.Count; indicator++)
                    {
                        var group = indicator == 0 ? null : groups[indicator - 1];
                        var observed = counted.Sum(o => Count(o.Population[baseYear + horizon], nation.Layout, group));
                        var quantiles = Enumerable.Range(0, ProjectionIntervals.Levels.Count).Select(l => intervals.Quantile(r, indicator, horizon, l)).ToArray();
                        cases.Add(new Check(intervals.RegionCodes[r], baseYear, horizon, observed, quantiles, intervals.Indicators[indicator]));
                    }
                }
            }
        }

        return cases;
    }

    /// <summary>
    /// The same check for the totals of one county's municipalities, as the method sees them with
    /// totals only (<see cref="MunicipalTotalsBacktest.At"/>): from each base year the municipalities
    /// are projected together with a model estimated from the years up to the base only — the
    /// county series' for the national and regional deviations and, unless
    /// <paramref name="withLocal"/> is false, the municipal totals' for each municipality's own
    /// (<see cref="UncertaintyEstimator.EstimateLocal"/>, its σ × <paramref name="localMigrationScale"/>). A base is checked where every municipality
    /// has its totals to the longest horizon.
    /// </summary>
    public static IReadOnlyList<Check> RunMunicipal(
        IReadOnlyDictionary<string, ObservedStatistics> data,
        string nationalCode,
        string countyCode,
        IReadOnlyDictionary<string, SortedDictionary<int, double>> municipalTotals,
        IReadOnlyList<int> bases,
        IReadOnlyList<int> horizons,
        IReadOnlyCollection<(string Region, int Year)> breaks,
        StochasticOptions options,
        double nationalMigrationScale = 1,
        double regionalMigrationScale = 1,
        double localMigrationScale = 1,
        bool withLocal = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(municipalTotals);
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(horizons);
        ArgumentNullException.ThrowIfNull(breaks);
        var longest = horizons.Max();
        var county = data[countyCode];
        var firstYear = data[nationalCode].Population.Keys.First() + 1;
        var checks = new List<Check>();
        foreach (var baseYear in bases)
        {
            var municipalities = municipalTotals
                .Where(m => m.Value.ContainsKey(baseYear + longest))
                .OrderBy(m => m.Key, StringComparer.Ordinal)
                .ToList();
            if (municipalities.Count == 0 || !county.CanEstimate(baseYear))
            {
                continue;
            }

            var model = UncertaintyEstimator.Estimate(data, nationalCode, firstYear, baseYear, [.. breaks.Where(b => b.Year <= baseYear)], "calibration").WithMigrationScales(nationalMigrationScale, regionalMigrationScale);
            if (withLocal)
            {
                var local = UncertaintyEstimator.EstimateLocal(municipalTotals, firstYear, baseYear);
                model = model with { MigrationLocal = local.Process with { InnovationSd = local.Process.InnovationSd * localMigrationScale }, LocalReferencePopulation = local.ReferencePopulation, LocalSizeExponent = local.SizeExponent };
            }

            var inputs = municipalities.Select(m => MunicipalTotalsBacktest.At(m.Key, m.Value, county, baseYear, longest, new EstimationWindows())).ToList();
            var input = new ProjectionInput { Layout = county.Layout, BaseYear = baseYear, Regions = [.. inputs.Select(i => i.Region)] };
            var intervals = StochasticProjector.Project(input, inputs[0].Scenario, model, options with { AgeGroups = [] });
            foreach (var horizon in horizons)
            {
                for (var r = 0; r < municipalities.Count; r++)
                {
                    var quantiles = Enumerable.Range(0, ProjectionIntervals.Levels.Count).Select(l => intervals.Quantile(r, 0, horizon, l)).ToArray();
                    checks.Add(new Check(municipalities[r].Key, baseYear, horizon, municipalities[r].Value[baseYear + horizon], quantiles));
                }
            }
        }

        return checks;
    }

    /// <summary>
    /// The coverage of each region's intervals (not the sum of regions'), per indicator (in the
    /// order of the checks: the total first) and per horizon: the shares in percent, to one decimal, and the misses on
    /// each side of the 80 % interval.
    /// </summary>
    public static IReadOnlyList<IntervalCoverage> Coverage(IEnumerable<Check> checks, string measuredOn = IntervalCoverage.Counties)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var regional = checks.Where(c => c.Region != ProjectionIntervals.AllRegions).ToList();
        var indicators = regional.Select(c => c.Indicator).Distinct().ToList();
        return [.. regional
            .GroupBy(c => (c.Indicator, c.Horizon))
            .Select(g =>
            {
                var cases = g.Count();
                return new IntervalCoverage(
                    g.Key.Indicator,
                    g.Key.Horizon,
                    cases,
                    Math.Round(100.0 * g.Count(c => c.In80) / cases, 1),
                    Math.Round(100.0 * g.Count(c => c.In95) / cases, 1),
                    g.Count(c => c.Below80),
                    g.Count(c => c.Above80),
                    measuredOn);
            })
            .OrderBy(c => indicators.IndexOf(c.Indicator))
            .ThenBy(c => c.HorizonYears)];
    }

    private static double Count(double[] population, PopulationLayout layout, AgeGroup? group) =>
        group is null ? PopulationIndicators.Total(population) : PopulationIndicators.SumOfAges(population, layout, group.FromAge, group.LastAge(layout));
}
