using Projection.Core;

namespace Projection.Files;

/// <summary>
/// The embedded default data (seeds/*.json): a county's municipalities with their base
/// population and rates for the engine, the observed series they were built from, and the
/// provenance of every number. Written by <c>projection seed</c>; read by the CLI, the API and
/// the store. The format is documented in docs/method.md §9 ("The seed file").
/// </summary>
public sealed class SeedDocument
{
    public const string CurrentFormat = "projection-seed/1";

    public string Format { get; set; } = CurrentFormat;

    public string Description { get; set; } = "";

    /// <summary>The command that regenerates this file.</summary>
    public string GeneratedBy { get; set; } = "";

    public int OldestAge { get; set; } = 100;

    /// <summary>The year whose 31 December population the regions carry.</summary>
    public int BaseYear { get; set; }

    public SeedCounty County { get; set; } = new();

    public List<SeedRegion> Regions { get; set; } = [];

    public List<ObservedSeries> Observed { get; set; } = [];

    /// <summary>
    /// The age pattern s(x) of mortality improvement (a scenario's annual improvement i becomes
    /// i·s(x) at each age), with where it comes from; absent: the same improvement at every age.
    /// </summary>
    public SexSchedule? MortalityImprovementByAge { get; set; }

    public Provenance? MortalityImprovementProvenance { get; set; }
}

/// <summary>The county a seed covers: its code and name, and what its projection's rates rest on.</summary>
public sealed class SeedCounty
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>
    /// The county's projection is the sum of its municipalities', each with its own rates: this
    /// says so, with the range of their levels and their net migration summed. Absent where the
    /// county is one municipality (its own provenance serves), and in seeds written before it.
    /// </summary>
    public Provenance? RatesProvenance { get; set; }
}

/// <summary>One municipality of a seed: its base population, its rates, and their provenance.</summary>
public sealed class SeedRegion
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public SexSchedule Population { get; set; } = new();

    public SeedRates Rates { get; set; } = new();

    public Provenance PopulationProvenance { get; set; } = new(Provenance.Modeled, "");

    public Provenance RatesProvenance { get; set; } = new(Provenance.Modeled, "");
}

/// <summary>A schedule by sex and single year of age 0..ω.</summary>
public sealed class SexSchedule
{
    public double[] Men { get; set; } = [];

    public double[] Women { get; set; } = [];
}

/// <summary>The engine's rates in a seed (see <see cref="Projection.Core.RegionRates"/> for their definitions).</summary>
public sealed class SeedRates
{
    public SexSchedule Mortality { get; set; } = new();

    public double[] Fertility { get; set; } = [];

    /// <summary>The TFR fertility returns to (<see cref="Projection.Core.RegionRates.LongRunTotalFertility"/>); absent: the schedule's own TFR is held.</summary>
    public double? LongRunTotalFertility { get; set; }

    public SexSchedule DomesticOutMigration { get; set; } = new();

    public SexSchedule Emigration { get; set; } = new();

    public SexSchedule DomesticInMigration { get; set; } = new();

    public SexSchedule Immigration { get; set; } = new();

    public double SexRatioAtBirth { get; set; } = Projection.Core.RegionRates.DefaultSexRatioAtBirth;

    public double InternalMigrationShare { get; set; }

    public double InternalDestinationShare { get; set; }
}

/// <summary>An observed yearly series of one region, e.g. the population total 1950–2024.</summary>
public sealed class ObservedSeries
{
    public string Region { get; set; } = "";

    /// <summary>What is measured, e.g. populationTotal, populationAgeGroup:0-15, births, deaths.</summary>
    public string Measure { get; set; } = "";

    /// <summary>The period each value refers to: a year ("2018") or a quarter ("2019Q1").</summary>
    public List<string> Periods { get; set; } = [];

    public List<double> Values { get; set; } = [];

    public Provenance Provenance { get; set; } = new(Provenance.Observed, "");
}
