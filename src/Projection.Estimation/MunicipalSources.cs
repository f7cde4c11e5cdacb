namespace Projection.Estimation;

/// <summary>What is published for one municipality and used to model its detail.</summary>
/// <param name="Code">SCB municipality code.</param>
/// <param name="Name">Name.</param>
/// <param name="Totals">Population on 31 December by year (observed).</param>
/// <param name="AgeGroups">Population in <see cref="MunicipalSources.AgeGroupsOfYear"/> by the groups of <see cref="MunicipalSources.PublishedAgeGroups"/> (observed).</param>
/// <param name="Quarter">Components of change in one quarter (observed).</param>
public sealed record MunicipalityFacts(string Code, string Name, SortedDictionary<int, double> Totals, double[] AgeGroups, QuarterComponents Quarter);

/// <summary>A quarter's components of change as SCB publishes them for a municipality.</summary>
public sealed record QuarterComponents(double Births, double Deaths, double InMigrants, double OutMigrants, double NetOwnCounty, double NetRestOfSweden, double NetAbroad);

/// <summary>Sweden's published totals for one year.</summary>
public sealed record NationalYear(int Year, double Population, double Births, double Deaths, double Immigrants, double Emigrants);

/// <summary>Everything the municipal base model reads; all of it published by SCB (see seeds provenance).</summary>
public sealed record MunicipalSources(
    ObservedStatistics Nation,
    ObservedStatistics County,
    string CountyName,
    IReadOnlyList<MunicipalityFacts> Municipalities,
    double[] CountyAgeGroups,
    SortedDictionary<int, double> NationalTotals,
    NationalYear NationalComponents,
    int AgeGroupsOfYear,
    int BaseYear,
    int RateWindowFirst,
    int RateWindowLast)
{
    /// <summary>
    /// The municipalities' real population by sex and single year of age in <see cref="ObservedAgesYear"/>
    /// (SCB BE0101N1), by code; when given, the model starts from it instead of the county's detail
    /// split by the published age groups.
    /// </summary>
    public IReadOnlyDictionary<string, double[]>? ObservedAges { get; init; }

    /// <summary>The year of <see cref="ObservedAges"/> (31 December).</summary>
    public int ObservedAgesYear { get; init; }

    /// <summary>The age groups of the published 2018 table: 0–15, 16–24, 25–44, 45–64, 65+.</summary>
    public static IReadOnlyList<Projection.Core.AgeGroup> PublishedAgeGroups { get; } =
    [
        new("0-15", 0, 15),
        new("16-24", 16, 24),
        new("25-44", 25, 44),
        new("45-64", 45, 64),
        new("65+", 65, null),
    ];
}
