using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// Net migration by age group from the balancing equation, for series without migration
/// counts (SCB's county series): a cohort's change over the year plus its deaths is its net
/// migration. A cohort aged x − 1 at the start of year t and x at its end loses, on SCB's
/// county series, 0.50·D(x − 1) + 0.50·D(x) of the deaths counted by age at death (least
/// squares at ages 60–98, scb-county/SOURCES.md). Rates are per person-year of the cohort's
/// mean population, both sexes together. Age 0 (born during the year) is left out: its change
/// is births, not migration. Where a year has gross flows (SCB's migration table fetched into
/// the store), the net is counted from them instead: in-migrants and immigrants less
/// out-migrants and emigrants.
/// </summary>
public static class NetMigrationHistory
{
    /// <summary>The age groups migration is modeled by (ages reached during the year).</summary>
    public static IReadOnlyList<AgeGroup> Groups { get; } =
    [
        new("1-4", 1, 4),
        new("5-14", 5, 14),
        new("15-19", 15, 19),
        new("20-24", 20, 24),
        new("25-29", 25, 29),
        new("30-44", 30, 44),
        new("45-64", 45, 64),
        new("65+", 65, null),
    ];

    /// <summary>Net migrants per person-year in each of <see cref="Groups"/> during <paramref name="year"/>, or null when the year cannot be computed.</summary>
    public static double[]? Rates(ObservedStatistics observed, int year)
    {
        ArgumentNullException.ThrowIfNull(observed);
        if (!observed.Population.TryGetValue(year - 1, out var start) || !observed.Population.TryGetValue(year, out var end) || !observed.HasDeaths(year))
        {
            return null;
        }

        var cohortDeaths = new double[observed.Layout.CellCount];
        observed.CohortDeaths(year, cohortDeaths);

        var layout = observed.Layout;
        var oldest = layout.OldestAge;
        var flows = observed.Migration.GetValueOrDefault(year);
        var rates = new double[Groups.Count];
        for (var g = 0; g < Groups.Count; g++)
        {
            double net = 0, exposure = 0;
            foreach (var sex in new[] { Sex.Male, Sex.Female })
            {
                var offset = layout.SexOffset(sex);
                for (var age = Groups[g].FromAge; age <= Groups[g].LastAge(layout); age++)
                {
                    var cohortStart = start[offset + age - 1] + (age == oldest ? start[offset + age] : 0);
                    var cell = offset + age;
                    net += flows is null
                        ? end[cell] - cohortStart + cohortDeaths[cell]
                        : flows.DomesticIn[cell] + flows.Immigration[cell] - flows.DomesticOut[cell] - flows.Emigration[cell];
                    exposure += (cohortStart + end[offset + age]) / 2;
                }
            }

            rates[g] = exposure > 0 ? net / exposure : 0;
        }

        return rates;
    }
}
