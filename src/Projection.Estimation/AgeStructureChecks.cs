using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// Checks, on data where the answer is known, the two ways the service gets a region's population
/// by age when SCB's table by age is not at hand (issue 12, docs/accuracy.md "Starting populations"):
/// <list type="bullet">
/// <item><b>Carry-forward</b>: real ages in year T carried to T+h with the larger area's mortality
/// and fertility, the region's yearly published totals met each year by net migration spread by
/// the Rogers–Castro standard shape (<see cref="CarryForward"/>). This is how the embedded
/// default reaches 2024 from the municipalities' real ages of 2019.</item>
/// <item><b>Profile scaling</b>: the larger area's age structure scaled to the region's total —
/// what is left where a region has no age detail at all.</item>
/// </list>
/// Errors are by planning group (<see cref="AgeGroupings.Planning"/>), in percent of the real count.
/// </summary>
public static class AgeStructureChecks
{
    /// <summary>One region and base: the percentage error of each planning group, by the method checked and by profile scaling.</summary>
    public sealed record CheckCase(string Region, int BaseYear, int TargetYear, double Size, double[] CarriedErrors, double[] ScaledErrors);

    /// <summary>
    /// For every county of <paramref name="counties"/> (not the nation, code 00) and every base T
    /// of <paramref name="bases"/>: carry its real ages of T to T + <paramref name="years"/> with the
    /// nation's rates of T−4..T and only its yearly totals, and compare with its real ages then;
    /// next to the nation's real structure of T + <paramref name="years"/> scaled to its total (the
    /// "profile scaled" method, given the target year's profile: as good as it can be).
    /// </summary>
    /// <param name="counties">County series by code, "00" the nation.</param>
    /// <param name="bases">Base years T.</param>
    /// <param name="years">How far to carry.</param>
    /// <param name="skip">Cases to leave out, e.g. a boundary change inside the span (Heby, 2006/2007, for 03 and 19).</param>
    /// <param name="fertilityFromChildWomanRatio">
    /// True: the region's fertility level from its child–woman ratio at T relative to the nation's
    /// (<see cref="MunicipalBaseModel.ChildWomanLevels"/>, as the embedded default does from the
    /// municipalities' real ages); false: from its births over T−4..T.
    /// </param>
    public static IReadOnlyList<CheckCase> CarryForwardCases(IReadOnlyDictionary<string, ObservedStatistics> counties, IReadOnlyList<int> bases, int years, Func<string, int, int, bool>? skip = null, bool fertilityFromChildWomanRatio = false)
    {
        ArgumentNullException.ThrowIfNull(counties);
        ArgumentNullException.ThrowIfNull(bases);
        var nation = counties["00"];
        var layout = nation.Layout;
        var shape = RogersCastro.Standard.Shape(layout.OldestAge);
        var cases = new List<CheckCase>();
        foreach (var baseYear in bases)
        {
            var target = baseYear + years;
            var before = RateEstimator.Estimate(nation, baseYear - 4, baseYear).Rates;
            var during = RateEstimator.Estimate(nation, baseYear + 1, target).Rates;
            foreach (var (code, county) in counties)
            {
                if (code == "00" || !county.Population.ContainsKey(baseYear) || !county.Population.ContainsKey(target) || skip?.Invoke(code, baseYear, target) == true)
                {
                    continue;
                }

                var (fertilityLevel, mortalityLevel) = OwnLevels(county, before, baseYear - 4, baseYear);
                if (fertilityFromChildWomanRatio)
                {
                    // The nation is the standard: its own level is 1, the county's is relative to it.
                    fertilityLevel = MunicipalBaseModel.ChildWomanLevel(layout, county.Population[baseYear], MunicipalBaseModel.ChildWomanRatio(layout, nation.Population[baseYear]));
                }

                var rates = MunicipalBaseModel.Scaled(during, fertilityLevel, mortalityLevel);
                var carried = CarryForward.Run(
                    layout,
                    county.Population[baseYear],
                    baseYear,
                    target,
                    _ => rates,
                    year => county.Population.TryGetValue(year, out var population) ? PopulationIndicators.Total(population) : null,
                    shape).Populations[target];
                var real = county.Population[target];
                var scaled = Scaled(nation.Population[target], PopulationIndicators.Total(real));
                cases.Add(new CheckCase(code, baseYear, target, PopulationIndicators.Total(real), GroupErrors(layout, carried, real), GroupErrors(layout, scaled, real)));
            }
        }

        return cases;
    }

    /// <summary>
    /// A region's fertility and mortality relative to <paramref name="standard"/> over
    /// <paramref name="first"/>..<paramref name="last"/>: its births and deaths over those the
    /// standard's rates give on its population (mean of the year-ends), shrunk toward 1 by
    /// <see cref="LevelFactor"/> — as the municipalities' levels are found from their published quarter.
    /// </summary>
    public static (double Fertility, double Mortality) OwnLevels(ObservedStatistics region, RegionRates standard, int first, int last)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(standard);
        var layout = region.Layout;
        double births = 0, expectedBirths = 0, deaths = 0, expectedDeaths = 0;
        for (var year = first; year <= last; year++)
        {
            if (!region.Population.TryGetValue(year - 1, out var start) || !region.Population.TryGetValue(year, out var end))
            {
                continue;
            }

            births += region.BirthsBySex.TryGetValue(year, out var bySex) ? bySex[0] + bySex[1] : 0;
            deaths += region.HasDeaths(year) ? region.TotalDeaths(year) : 0;
            for (var s = 0; s < 2; s++)
            {
                for (var age = 0; age <= layout.OldestAge; age++)
                {
                    var c = layout.Index((Sex)s, age);
                    var exposure = (start[c] + end[c]) / 2;
                    expectedDeaths += standard.Mortality[c] * exposure;
                    if (s == (int)Sex.Female)
                    {
                        expectedBirths += standard.Fertility[age] * exposure;
                    }
                }
            }
        }

        return (LevelFactor.Shrunk(births, expectedBirths), LevelFactor.Shrunk(deaths, expectedDeaths));
    }

    /// <summary>
    /// For every municipality of <paramref name="municipalities"/> (four-digit codes) in
    /// <paramref name="year"/>: its county's structure (the sum of the county's municipalities,
    /// the first two digits) scaled to its total, against its real ages.
    /// </summary>
    public static IReadOnlyList<CheckCase> ProfileScalingCases(IReadOnlyDictionary<string, ObservedStatistics> municipalities, int year)
    {
        ArgumentNullException.ThrowIfNull(municipalities);
        var withYear = municipalities.Values.Where(m => m.RegionCode.Length == 4 && m.Population.ContainsKey(year)).ToList();
        if (withYear.Count == 0)
        {
            return [];
        }

        var layout = withYear[0].Layout;
        var counties = withYear.GroupBy(m => m.RegionCode[..2]).ToDictionary(g => g.Key, g => Sum(layout, g.Select(m => m.Population[year])), StringComparer.Ordinal);

        return withYear
            .Select(m =>
            {
                var real = m.Population[year];
                var total = PopulationIndicators.Total(real);
                var scaled = Scaled(counties[m.RegionCode[..2]], total);
                return new CheckCase(m.RegionCode, year, year, total, [], GroupErrors(layout, scaled, real));
            })
            .ToList();
    }

    /// <summary>
    /// The same municipalities by <see cref="SizeAdjustedProfile"/>, each county left out of the fit
    /// in turn (its municipalities are estimated with corrections fitted on the other counties' only).
    /// </summary>
    public static IReadOnlyList<CheckCase> SizeAdjustedProfileCases(IReadOnlyDictionary<string, ObservedStatistics> municipalities, int year)
    {
        ArgumentNullException.ThrowIfNull(municipalities);
        var withYear = municipalities.Values.Where(m => m.RegionCode.Length == 4 && m.Population.ContainsKey(year)).ToList();
        if (withYear.Count == 0)
        {
            return [];
        }

        var layout = withYear[0].Layout;
        var counties = withYear.GroupBy(m => m.RegionCode[..2]).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var profiles = counties.ToDictionary(kv => kv.Key, kv => Sum(layout, kv.Value.Select(m => m.Population[year])), StringComparer.Ordinal);
        var largest = counties.Values.Select(list => list.MaxBy(m => PopulationIndicators.Total(m.Population[year]))!.RegionCode).ToHashSet(StringComparer.Ordinal);
        int ClassOf(ObservedStatistics m) => SizeAdjustedProfile.ClassOf(PopulationIndicators.Total(m.Population[year]), largest.Contains(m.RegionCode));

        var cases = new List<CheckCase>();
        foreach (var (county, members) in counties)
        {
            var fit = SizeAdjustedProfile.Fit(layout, withYear.Where(m => m.RegionCode[..2] != county).Select(m => (m.Population[year], profiles[m.RegionCode[..2]], ClassOf(m))));
            foreach (var m in members)
            {
                var real = m.Population[year];
                var total = PopulationIndicators.Total(real);
                cases.Add(new CheckCase(m.RegionCode, year, year, total, [], GroupErrors(layout, fit.Estimate(profiles[county], total, ClassOf(m)), real)));
            }
        }

        return cases.OrderBy(c => c.Region, StringComparer.Ordinal).ToList();
    }

    private static double[] Sum(PopulationLayout layout, IEnumerable<double[]> populations)
    {
        var sum = new double[layout.CellCount];
        foreach (var population in populations)
        {
            for (var c = 0; c < sum.Length; c++)
            {
                sum[c] += population[c];
            }
        }

        return sum;
    }

    /// <summary>Percentage error of each planning group: 100 × (estimate − real) / real (0 where the real group is empty and so is the estimate).</summary>
    public static double[] GroupErrors(PopulationLayout layout, ReadOnlySpan<double> estimate, ReadOnlySpan<double> real)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var groups = AgeGroupings.Planning;
        var estimated = new double[groups.Count];
        var observed = new double[groups.Count];
        PopulationIndicators.AgeGroupTotals(estimate, layout, groups, estimated);
        PopulationIndicators.AgeGroupTotals(real, layout, groups, observed);
        var errors = new double[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            errors[g] = observed[g] > 0 ? 100 * (estimated[g] - observed[g]) / observed[g] : 0;
        }

        return errors;
    }

    /// <summary>The mean absolute error of each planning group over <paramref name="errors"/>.</summary>
    public static double[] MeanAbsolute(IEnumerable<double[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var list = errors.ToList();
        var means = new double[AgeGroupings.Planning.Count];
        for (var g = 0; g < means.Length; g++)
        {
            means[g] = list.Count == 0 ? double.NaN : list.Average(e => Math.Abs(e[g]));
        }

        return means;
    }

    private static double[] Scaled(ReadOnlySpan<double> profile, double total)
    {
        var scale = total / PopulationIndicators.Total(profile);
        var scaled = new double[profile.Length];
        for (var c = 0; c < scaled.Length; c++)
        {
            scaled[c] = profile[c] * scale;
        }

        return scaled;
    }
}
