using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// The observed counts of one region by year, as SCB publishes them: folkmängd on 31 December
/// by sex and age (BE0101N1), deaths by sex and age at death in completed years (BE0101D9) or by
/// age reached during the year (BE0101D8) — each kept as what it is, and read through
/// <see cref="CohortDeaths"/> and <see cref="DeathsByAge"/>,
/// live births by mother's age reached during the year and by the child's sex (BE0101E2), and,
/// where fetched, gross migration flows by sex and age reached (BE0101J, Flyttningar97).
/// Arrays are laid out by <see cref="PopulationLayout"/>; births by mother's age have ω + 1 values.
/// </summary>
public sealed class ObservedStatistics(string regionCode, string regionName, PopulationLayout layout)
{
    public string RegionCode { get; } = regionCode;

    public string RegionName { get; } = regionName;

    public PopulationLayout Layout { get; } = layout;

    /// <summary>Population on 31 December, by year.</summary>
    public SortedDictionary<int, double[]> Population { get; } = [];

    /// <summary>Deaths during the year by sex and age at death (a Lexis square), by year.</summary>
    public SortedDictionary<int, double[]> DeathsByAgeAtDeath { get; } = [];

    /// <summary>Live births during the year by mother's age reached, by year.</summary>
    public SortedDictionary<int, double[]> BirthsByMotherAge { get; } = [];

    /// <summary>Live births during the year by the child's sex (index = <see cref="Sex"/>), by year.</summary>
    public SortedDictionary<int, double[]> BirthsBySex { get; } = [];

    /// <summary>Gross migration flows by year, where known.</summary>
    public SortedDictionary<int, MigrationFlows> Migration { get; } = [];

    /// <summary>True when every series needed to estimate rates for <paramref name="year"/> is present.</summary>
    public bool CanEstimate(int year) =>
        Population.ContainsKey(year - 1) && Population.ContainsKey(year) && HasDeaths(year)
        && BirthsByMotherAge.ContainsKey(year) && BirthsBySex.ContainsKey(year);

    /// <summary>Deaths during the year by sex and age reached during the year (a Lexis parallelogram: SCB's BE0101D8, DodaFodelsearK), by year.</summary>
    public SortedDictionary<int, double[]> DeathsByAgeReached { get; } = [];

    /// <summary>True when the year's deaths are known, by age at death or by age reached.</summary>
    public bool HasDeaths(int year) => DeathsByAgeAtDeath.ContainsKey(year) || DeathsByAgeReached.ContainsKey(year);

    /// <summary>
    /// Births less deaths during <paramref name="year"/> per inhabitant at its start (the crude
    /// rate of natural increase), or null where the year's population, births or deaths are missing.
    /// </summary>
    public double? CrudeNaturalIncrease(int year) =>
        Population.TryGetValue(year - 1, out var start) && HasDeaths(year) && BirthsBySex.TryGetValue(year, out var births)
            ? (births.Sum() - TotalDeaths(year)) / start.Sum()
            : null;

    /// <summary>All deaths of the year, whichever way they were classified.</summary>
    public double TotalDeaths(int year) =>
        DeathsByAgeAtDeath.TryGetValue(year, out var atDeath) ? atDeath.Sum()
        : DeathsByAgeReached.TryGetValue(year, out var reached) ? reached.Sum()
        : throw new KeyNotFoundException($"Region {RegionCode} has no deaths for {year}.");

    /// <summary>
    /// The year's deaths by the age reached during the year (the engine's cohorts): as published
    /// where SCB gives them so (BE0101D8), else converted from ages at death (<see cref="LexisDeaths.ToCohortDeaths"/>).
    /// </summary>
    public void CohortDeaths(int year, Span<double> destination)
    {
        if (DeathsByAgeReached.TryGetValue(year, out var reached))
        {
            reached.CopyTo(destination);
            return;
        }

        LexisDeaths.ToCohortDeaths(Layout, DeathsByAgeAtDeath[year], BirthsBySex.TryGetValue(year, out var births) ? births : [0, 0], destination);
    }

    /// <summary>
    /// The year's deaths by completed age at death (period rates, life tables): as published where
    /// SCB gives them so (BE0101D9), else converted from ages reached (<see cref="LexisDeaths.ToAgeAtDeath"/>).
    /// </summary>
    public double[] DeathsByAge(int year)
    {
        if (DeathsByAgeAtDeath.TryGetValue(year, out var atDeath))
        {
            return atDeath;
        }

        var converted = new double[Layout.CellCount];
        LexisDeaths.ToAgeAtDeath(Layout, DeathsByAgeReached[year], BirthsBySex.TryGetValue(year, out var births) ? births : [0, 0], converted);
        return converted;
    }

    /// <summary>Adds the counts of <paramref name="other"/> to this region's, year by year (for aggregating regions).</summary>
    public void Add(ObservedStatistics other)
    {
        AddSeries(Population, other.Population);
        AddSeries(DeathsByAgeAtDeath, other.DeathsByAgeAtDeath);
        AddSeries(DeathsByAgeReached, other.DeathsByAgeReached);
        AddSeries(BirthsByMotherAge, other.BirthsByMotherAge);
        AddSeries(BirthsBySex, other.BirthsBySex);
        foreach (var (year, flows) in other.Migration)
        {
            if (!Migration.TryGetValue(year, out var existing))
            {
                Migration[year] = new MigrationFlows((double[])flows.DomesticIn.Clone(), (double[])flows.DomesticOut.Clone(), (double[])flows.Immigration.Clone(), (double[])flows.Emigration.Clone());
                continue;
            }

            for (var i = 0; i < flows.DomesticIn.Length; i++)
            {
                existing.DomesticIn[i] += flows.DomesticIn[i];
                existing.DomesticOut[i] += flows.DomesticOut[i];
                existing.Immigration[i] += flows.Immigration[i];
                existing.Emigration[i] += flows.Emigration[i];
            }
        }
    }

    private static void AddSeries(SortedDictionary<int, double[]> target, SortedDictionary<int, double[]> source)
    {
        foreach (var (year, values) in source)
        {
            if (!target.TryGetValue(year, out var existing))
            {
                target[year] = (double[])values.Clone();
                continue;
            }

            for (var i = 0; i < values.Length; i++)
            {
                existing[i] += values[i];
            }
        }
    }
}
