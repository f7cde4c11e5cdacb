namespace Projection.Core;

/// <summary>
/// The demographic rates and flows of one region, for one projection year before scenario
/// adjustments. Every schedule is indexed by <see cref="PopulationLayout.Index"/>, and every
/// age is the age <em>reached during the calendar year</em> (the age on 31 December): a cell
/// follows one birth cohort through the year, a Lexis parallelogram. Rates are
/// occurrence/exposure rates on the cohort's mean population of the year,
/// (start + end) / 2 (see docs/method.md).
/// </summary>
public sealed class RegionRates
{
    /// <summary>Boys born per girl born in Sweden 1968–2015: 1.0586 over 5.4 million births (SCB BE0101E2; docs/method.md).</summary>
    public const double DefaultSexRatioAtBirth = 1.0586;

    /// <summary>Death rates (dödstal) per person-year, by sex and age reached.</summary>
    public required double[] Mortality { get; init; }

    /// <summary>Age-specific fertility rates (fruktsamhetstal): live births per woman-year, by mother's age reached; length ω + 1, zero at age 0.</summary>
    public required double[] Fertility { get; init; }

    /// <summary>Domestic out-migration rates (utflyttade inom Sverige) per person-year, by sex and age.</summary>
    public required double[] DomesticOutMigration { get; init; }

    /// <summary>Emigration rates (utvandrade) per person-year, by sex and age.</summary>
    public required double[] Emigration { get; init; }

    /// <summary>
    /// Domestic in-migrants per year arriving from outside the projected set of regions
    /// (inflyttade), by sex and age. Arrivals from other regions of the set come from their
    /// out-migration through the migration pool instead.
    /// </summary>
    public required double[] DomesticInMigration { get; init; }

    /// <summary>Immigrants per year (invandrade), by sex and age.</summary>
    public required double[] Immigration { get; init; }

    /// <summary>
    /// Years over which fertility moves, linearly, from the base schedule's TFR to
    /// <see cref="LongRunTotalFertility"/>: five, chosen among 1–15 on the backtests' bases
    /// 1990–1997 and reported on 1998–2005 (docs/accuracy.md).
    /// </summary>
    public const int YearsToLongRunFertility = 5;

    /// <summary>
    /// The total fertility rate the region's fertility returns to, reached after
    /// <see cref="YearsToLongRunFertility"/> years and held (the age pattern stays the base
    /// schedule's): the mean of the region's yearly TFRs over the twenty years to the base year,
    /// as estimated (docs/method.md). Null holds the base schedule's TFR in every year.
    /// </summary>
    public double? LongRunTotalFertility { get; init; }

    /// <summary>Boys born per girl born.</summary>
    public double SexRatioAtBirth { get; init; } = DefaultSexRatioAtBirth;

    /// <summary>Share of this region's domestic out-migrants whose destination is another region of the projected set (0..1).</summary>
    public double InternalMigrationShare { get; init; }

    /// <summary>Share of the set's internal movers who come to this region (0..1; the shares of a set sum to 1 when any region sends internal movers).</summary>
    public double InternalDestinationShare { get; init; }

    /// <summary>These rates with the four migration schedules replaced, everything else kept.</summary>
    public RegionRates WithMigration(double[] domesticOut, double[] emigration, double[] domesticIn, double[] immigration) => new()
    {
        Mortality = Mortality,
        Fertility = Fertility,
        LongRunTotalFertility = LongRunTotalFertility,
        SexRatioAtBirth = SexRatioAtBirth,
        DomesticOutMigration = domesticOut,
        Emigration = emigration,
        DomesticInMigration = domesticIn,
        Immigration = immigration,
        InternalMigrationShare = InternalMigrationShare,
        InternalDestinationShare = InternalDestinationShare,
    };

    /// <summary>Total fertility rate (summerad fruktsamhet): the sum of the age-specific fertility rates.</summary>
    public double TotalFertility()
    {
        var sum = 0.0;
        for (var age = 0; age < Fertility.Length; age++)
        {
            sum += Fertility[age];
        }

        return sum;
    }

    /// <summary>
    /// The factor on a fertility schedule of total <paramref name="baseTfr"/> in projection year
    /// <paramref name="yearIndex"/> (1 = the first after the base year) that moves its TFR linearly
    /// to <paramref name="targetTfr"/>, reached after <paramref name="yearsToTarget"/> years and held;
    /// 0 when the schedule has no births to scale.
    /// </summary>
    public static double FertilityPathFactor(double baseTfr, double targetTfr, int yearsToTarget, int yearIndex)
    {
        if (baseTfr <= 0)
        {
            return 0;
        }

        var progress = Math.Min(1.0, (double)yearIndex / yearsToTarget);
        return (baseTfr + ((targetTfr - baseTfr) * progress)) / baseTfr;
    }

    /// <summary>Adds every problem with these rates to <paramref name="errors"/>, with fields prefixed by <paramref name="prefix"/>.</summary>
    public void Validate(PopulationLayout layout, string prefix, ValidationErrors errors)
    {
        errors.RequireSchedule(prefix, "mortality", Mortality, layout.CellCount);
        errors.RequireSchedule(prefix, "fertility", Fertility, layout.AgeCount);
        errors.RequireSchedule(prefix, "domesticOutMigration", DomesticOutMigration, layout.CellCount);
        errors.RequireSchedule(prefix, "emigration", Emigration, layout.CellCount);
        errors.RequireSchedule(prefix, "domesticInMigration", DomesticInMigration, layout.CellCount);
        errors.RequireSchedule(prefix, "immigration", Immigration, layout.CellCount);
        if (Fertility is { Length: > 0 } && Fertility[0] != 0)
        {
            errors.Add(prefix + "fertility", "must be zero at age 0.");
        }

        // Bounded like the schedules it scales (finite, not negative), not like a scenario's target TFR: it is the data's.
        if (LongRunTotalFertility is { } longRun && (!double.IsFinite(longRun) || longRun < 0))
        {
            errors.Add(prefix + "longRunTotalFertility", $"must be a finite number of children per woman, not negative, was {longRun}.");
        }

        errors.RequireInRange(prefix, "sexRatioAtBirth", SexRatioAtBirth, 0.8, 1.3);
        errors.RequireInRange(prefix, "internalMigrationShare", InternalMigrationShare, 0, 1);
        errors.RequireInRange(prefix, "internalDestinationShare", InternalDestinationShare, 0, 1);
    }
}
