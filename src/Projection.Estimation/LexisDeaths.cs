using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// Converts deaths by age at death in completed years (a Lexis square: SCB's BE0101D9) into
/// deaths by age reached during the year (a Lexis parallelogram: the engine's cohorts).
/// </summary>
/// <remarks>
/// A death at exact age x + u of someone born at a uniformly distributed time of year falls in
/// the calendar year in which they reached x (the lower triangle) with probability 1 − u, so
/// the lower triangle holds a share 1 − a(x) of D(x), a(x) the mean time lived in the year of
/// age. Above infancy a(x) = 0.5 (the county data confirm it: a least-squares fit at ages
/// 60–98 for Sweden gives 0.50/0.50, see shared SOURCES.md). For infants a(0) comes from
/// Andreev and Kingkade (2015) via <see cref="LifeTable.InfantSeparation"/>, about 0.14 in
/// Sweden: some 86 % of infant deaths occur in the calendar year of birth.
/// The cohort reaching a collects the upper triangle of a − 1 and the lower triangle of a;
/// the open group ω collects every death at ω and above. Totals are preserved exactly.
/// </remarks>
public static class LexisDeaths
{
    /// <summary>Writes cohort deaths into <paramref name="cohortDeaths"/> (one region's cells).</summary>
    /// <param name="layout">The population layout.</param>
    /// <param name="deathsByAgeAtDeath">Deaths by sex and completed age.</param>
    /// <param name="birthsBySex">The year's births by sex, for the infant death rate that sets a(0).</param>
    /// <param name="cohortDeaths">Receives deaths by sex and age reached.</param>
    public static void ToCohortDeaths(PopulationLayout layout, ReadOnlySpan<double> deathsByAgeAtDeath, ReadOnlySpan<double> birthsBySex, Span<double> cohortDeaths)
    {
        var oldest = layout.OldestAge;
        for (var s = 0; s < 2; s++)
        {
            var sex = (Sex)s;
            var offset = layout.SexOffset(sex);
            var infantDeaths = deathsByAgeAtDeath[offset];
            var infantRate = birthsBySex[s] > 0 ? infantDeaths / birthsBySex[s] : 0;
            var infantUpperShare = LifeTable.InfantSeparation(infantRate, sex);
            cohortDeaths[offset] = (1 - infantUpperShare) * infantDeaths;
            for (var age = 1; age <= oldest; age++)
            {
                var upperShareBelow = age == 1 ? infantUpperShare : 0.5;
                var lowerShare = age == oldest ? 1.0 : 0.5;
                cohortDeaths[offset + age] = (upperShareBelow * deathsByAgeAtDeath[offset + age - 1]) + (lowerShare * deathsByAgeAtDeath[offset + age]);
            }
        }
    }

    /// <summary>
    /// The other way: deaths by age reached during the year (SCB's BE0101D8, a parallelogram) into
    /// deaths by completed age at death (a square), for period rates and life tables. Each cohort's
    /// deaths are split between the two ages it passes through in the year: the infants' upper
    /// triangle is a share a(0)/(1 − a(0)) of the deaths of those born in the year (as above), the
    /// rest of cohort 1 is the lower triangle of age 1, and from age 2 a cohort's deaths fall half
    /// at each age (the same a(x) = 0.5). The open group keeps half of its cohort. Totals are
    /// preserved exactly.
    /// </summary>
    /// <param name="layout">The population layout.</param>
    /// <param name="cohortDeaths">Deaths by sex and age reached.</param>
    /// <param name="birthsBySex">The year's births by sex, for the infant death rate that sets a(0).</param>
    /// <param name="deathsByAgeAtDeath">Receives deaths by sex and completed age.</param>
    public static void ToAgeAtDeath(PopulationLayout layout, ReadOnlySpan<double> cohortDeaths, ReadOnlySpan<double> birthsBySex, Span<double> deathsByAgeAtDeath)
    {
        var oldest = layout.OldestAge;
        for (var s = 0; s < 2; s++)
        {
            var sex = (Sex)s;
            var offset = layout.SexOffset(sex);
            var bornThisYear = cohortDeaths[offset];
            var infantUpperShare = LifeTable.InfantSeparation(birthsBySex[s] > 0 ? bornThisYear / birthsBySex[s] : 0, sex);
            var infantUpper = Math.Min(cohortDeaths[offset + 1], bornThisYear * infantUpperShare / (1 - infantUpperShare));
            deathsByAgeAtDeath[offset] = bornThisYear + infantUpper;
            for (var age = 1; age <= oldest; age++)
            {
                var lower = age == 1 ? cohortDeaths[offset + 1] - infantUpper : 0.5 * cohortDeaths[offset + age];
                var upper = age == oldest ? 0 : 0.5 * cohortDeaths[offset + age + 1];
                deathsByAgeAtDeath[offset + age] = lower + upper;
            }
        }
    }
}
