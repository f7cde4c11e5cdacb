using Projection.Core;
using Projection.Estimation;
using Projection.Files;
using Projection.Store;

namespace Projection.Application;

/// <summary>
/// The engine's input built from SCB's own tables in the store, replacing the modeled embedded
/// default: each municipality's base population as published, its rates by
/// <see cref="SmallAreaEstimator"/>. The base year is the latest year every series covers.
/// </summary>
public static class StoreProjectionInput
{
    public sealed record Built(ProjectionInput Input, IReadOnlyList<SmallAreaEstimator.Estimate> Estimates, Provenance Provenance);

    /// <summary>Builds the input for <paramref name="county"/> and its municipalities (codes two digits longer that start with it).</summary>
    /// <param name="tables">The store's tables.</param>
    /// <param name="county">The county whose municipalities are projected.</param>
    /// <param name="layout">Sexes and ages.</param>
    /// <param name="windows">The estimation windows (the validated defaults when null).</param>
    /// <param name="latestBaseYear">The latest base year to take, when not the store's last.</param>
    /// <param name="mortalityImprovementByAge">The age pattern of mortality improvement (the embedded default's, fitted on Sweden), or null for one rate at every age.</param>
    public static Built Build(IReadOnlyList<StoredTable> tables, string county, PopulationLayout layout, EstimationWindows? windows = null, int? latestBaseYear = null, double[]? mortalityImprovementByAge = null)
    {
        windows ??= new EstimationWindows();
        var observed = StoredStatistics.ToObserved(tables, layout);
        var municipalities = observed.Values
            .Where(o => o.RegionCode.Length == county.Length + 2 && o.RegionCode.StartsWith(county, StringComparison.Ordinal))
            .ToList();
        if (municipalities.Count == 0)
        {
            throw new InvalidInputException(new Dictionary<string, string[]> { ["region"] = [$"the store has no series by age for the municipalities of {county}: run projection fetch first."] });
        }

        var baseYear = Math.Min(municipalities.Min(m => m.Population.Keys.DefaultIfEmpty(0).Max()), latestBaseYear ?? int.MaxValue);
        var first = baseYear - windows.Longest;
        foreach (var municipality in municipalities)
        {
            for (var year = first + 1; year <= baseYear; year++)
            {
                if (!municipality.CanEstimate(year))
                {
                    throw new InvalidInputException(new Dictionary<string, string[]> { ["region"] = [$"the store lacks population, births or deaths of {municipality.RegionCode} for {year}; fetch from {first} or earlier."] });
                }
            }
        }

        var estimates = SmallAreaEstimator.Build(municipalities, baseYear, windows);
        var input = new ProjectionInput
        {
            Layout = layout,
            BaseYear = baseYear,
            Regions = estimates.Select(e => new Region(e.Code, e.Name, e.BasePopulation, e.Rates)).ToList(),
            MortalityImprovementByAge = mortalityImprovementByAge,
        };
        input.Validate();
        var origins = string.Join(", ", tables.Select(t => $"{t.Name} {t.Origin} {t.FetchedAt:yyyy-MM-dd}").Distinct());
        var provenance = new Provenance(Provenance.Observed, $"SCB tables in the store ({origins})", $"published base population; rates estimated over {first + 1}–{baseYear}, small areas borrowing from the county; fertility returning in five years to the county's mean TFR of the years the store holds among the twenty to {baseYear}; migration over {windows.MigrationYears} years{(windows.StudentAgeMigration ? ", the last three counting for half at the student ages 16–22 and taken back at 23–29" : "")} (docs/method.md)", baseYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new Built(input, estimates, provenance);
    }
}
