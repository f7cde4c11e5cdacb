using Projection.Core;

namespace Projection.Files;

/// <summary>One year of a region: observed (published totals before the base year) or projected.</summary>
/// <param name="Year">The year; populations are on 31 December, flows during the year.</param>
/// <param name="Observed">True for published figures; only the total is given then.</param>
/// <param name="Total">Population (folkmängd).</param>
/// <param name="Men">Men, projected years only.</param>
/// <param name="Women">Women, projected years only.</param>
/// <param name="Births">Live births (födda).</param>
/// <param name="Deaths">Deaths (döda).</param>
/// <param name="DomesticIn">Domestic in-migrants (inflyttade).</param>
/// <param name="DomesticOut">Domestic out-migrants (utflyttade).</param>
/// <param name="Immigration">Immigrants (invandrade).</param>
/// <param name="Emigration">Emigrants (utvandrade).</param>
/// <param name="AgeGroups">Population by the planning age groups (0, 1-5, 6-15, …, 90+).</param>
/// <param name="MedianAge">Median age; null where it is undefined (an empty population).</param>
/// <param name="DependencyRatio">(0–19 + 65+) / 20–64; null where it is undefined (no one aged 20–64).</param>
/// <param name="CappedCells">Cells whose exits were capped in the year so that no cohort went below zero (0 in any ordinary scenario).</param>
public sealed record ProjectionYear(
    int Year,
    bool Observed,
    double Total,
    double? Men,
    double? Women,
    double? Births,
    double? Deaths,
    double? DomesticIn,
    double? DomesticOut,
    double? Immigration,
    double? Emigration,
    IReadOnlyDictionary<string, double>? AgeGroups,
    double? MedianAge,
    double? DependencyRatio,
    int? CappedCells = null);

/// <summary>A region's projection under one scenario, with observed history and where every number came from.</summary>
/// <param name="Region">SCB region code.</param>
/// <param name="RegionName">The region's name.</param>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="BaseYear">The last observed year the projection starts from.</param>
/// <param name="Assumptions">The scenario's assumptions.</param>
/// <param name="Provenance">Where the numbers come from.</param>
/// <param name="Years">Observed history, then the projected years.</param>
/// <param name="Uncertainty">Intervals from stochastic trajectories, when asked for (null otherwise).</param>
public sealed record ProjectionResponse(
    string Region,
    string RegionName,
    string Scenario,
    int BaseYear,
    Scenario Assumptions,
    IReadOnlyList<Provenance> Provenance,
    IReadOnlyList<ProjectionYear> Years,
    Uncertainty? Uncertainty = null);

/// <summary>
/// Builds the report of one region (or the county, the sum of the result's regions) over a range
/// of years: the shape the API returns and <c>projection run --format json</c> prints.
/// </summary>
public static class ProjectionReports
{
    /// <summary>
    /// The years <paramref name="from"/>..<paramref name="to"/>: published totals before the base
    /// year from <paramref name="observedTotals"/>, then the projection (the base year marked
    /// observed: its total is the published one). Values are rounded to two decimals.
    /// </summary>
    public static ProjectionResponse Build(
        ProjectionResult result,
        string region,
        string regionName,
        bool wholeResult,
        IReadOnlyList<Provenance> provenance,
        IReadOnlyDictionary<int, double> observedTotals,
        IReadOnlyList<AgeGroup> groups,
        int from,
        int to)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(observedTotals);
        ArgumentNullException.ThrowIfNull(groups);
        var years = new List<ProjectionYear>();
        foreach (var (year, total) in observedTotals.OrderBy(kv => kv.Key))
        {
            if (year >= from && year <= to && year < result.BaseYear)
            {
                years.Add(new ProjectionYear(year, true, total, null, null, null, null, null, null, null, null, null, null, null));
            }
        }

        foreach (var y in ProjectionSummary.Summarize(result, wholeResult ? null : region, groups).Where(y => y.Year >= from && y.Year <= to))
        {
            years.Add(new ProjectionYear(
                y.Year,
                y.Year == result.BaseYear,
                Round(y.Total),
                Round(y.Men),
                Round(y.Women),
                Round(y.Births),
                Round(y.Deaths),
                Round(y.DomesticIn),
                Round(y.DomesticOut),
                Round(y.Immigration),
                Round(y.Emigration),
                groups.Select((g, i) => (g.Name, Value: Round(y.AgeGroups[i]))).ToDictionary(p => p.Name, p => p.Value),
                Defined(y.MedianAge, 2),
                Defined(y.DependencyRatio, 4),
                y.CappedCells));
        }

        return new ProjectionResponse(region, regionName, result.Scenario.Name, result.BaseYear, result.Scenario, provenance, years);
    }

    /// <summary>
    /// An indicator rounded, or null where it is undefined (NaN or infinite: the median age of an
    /// empty population, a ratio over zero). Null, not NaN: JSON has no NaN, and a serializer that
    /// meets one stops in the middle of a body whose status was already sent.
    /// </summary>
    /// <summary>
    /// A region's (or, when <paramref name="isCounty"/>, the sum of the result's regions') population
    /// by single year of age and sex in <paramref name="year"/>. Projected years are modeled; so is the
    /// base year's age detail unless <paramref name="baseAgesObserved"/> (SCB's own table by age).
    /// </summary>
    public static PyramidResponse Pyramid(ProjectionResult result, string region, string regionName, bool isCounty, bool baseAgesObserved, int year)
    {
        ArgumentNullException.ThrowIfNull(result);
        var layout = result.Layout;
        var population = new double[layout.CellCount];
        var t = year - result.BaseYear;
        if (isCounty)
        {
            result.SumOfRegions(t, population);
        }
        else
        {
            result.Population(t, result.RegionIndex(region)).CopyTo(population);
        }

        var ages = Enumerable.Range(0, layout.AgeCount)
            .Select(age => new PyramidAge(
                age == layout.OldestAge ? $"{age}+" : age.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Round(population[layout.Index(Sex.Male, age)]),
                Round(population[layout.Index(Sex.Female, age)])))
            .ToList();
        return new PyramidResponse(region, regionName, result.Scenario.Name, year, year > result.BaseYear || !baseAgesObserved, ages);
    }

    public static double? Defined(double value, int decimals) => double.IsFinite(value) ? Math.Round(value, decimals, MidpointRounding.AwayFromZero) : null;

    public static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static double? Round(double? value) => value is { } v ? Round(v) : null;
}
