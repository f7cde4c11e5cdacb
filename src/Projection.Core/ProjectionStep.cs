namespace Projection.Core;

/// <summary>
/// One calendar year of the cohort-component method for a set of regions projected together.
/// </summary>
/// <remarks>
/// <para>Cells follow cohorts: the cell of age a at the year's end holds those aged a − 1 at the
/// start (the open group ω also keeps those already ω), and age 0 holds the year's births.
/// Let S be the cohort at the start, X its arrivals from outside the set (births, domestic
/// in-migrants from the rest of Sweden, immigrants), A its arrivals from other regions of the
/// set, and m, o, e its death, domestic out-migration and emigration rates. Rates are
/// occurrence/exposure on the mean population E = (S + end)/2 (docs/method.md), so with
/// end = S + X + A − (m + o + e)·E:</para>
/// <para>E = (S + (X + A)/2) / (1 + r/2),  r = m + o + e.</para>
/// <para>Arrivals count half: on average migrants and newborns spend half the year in the
/// region, exposed to its mortality and migration. This is the linear (Lexis-parallelogram)
/// rate-to-count relation of Preston, Heuveline and Guillot, <i>Demography</i> (2001), §3.</para>
/// <para>Moves within the set go through a pool (as in multiregional projections with a
/// migration pool, e.g. Rees 1986): a share k of each region's domestic out-migrants stays in
/// the set, and region r receives a share d_r of all of them. Because arrivals raise the
/// exposure and so the departures, the pool M solves M = P + M·Q/2 with
/// P = Σ k·o·(S + X/2)/(1 + r/2) and Q = Σ k·o·d/(1 + r/2): M = P / (1 − Q/2), exactly, per cell.
/// What leaves a region for the set arrives in the set.</para>
/// <para>Where a cell's exit rates sum to more than 2 per person-year (only under extreme
/// scenarios), they are scaled down to 2, which empties a closed cohort but never overdraws it;
/// the cell is counted in <see cref="ComponentsOfChange.CappedCells"/>.</para>
/// </remarks>
public static class ProjectionStep
{
    /// <summary>The largest total exit rate per person-year for which the end population stays non-negative.</summary>
    public const double MaxExitRate = 2.0;

    /// <summary>
    /// Advances every region one year: <paramref name="start"/> holds the populations on
    /// 31 December of year t (region-major), <paramref name="end"/> receives those of t + 1,
    /// and <paramref name="components"/> the flows in between.
    /// </summary>
    public static void Advance(
        PopulationLayout layout,
        RegionRates[] rates,
        StepAssumptions assumptions,
        ReadOnlySpan<double> start,
        Span<double> end,
        ComponentsOfChange components,
        StepWorkspace workspace)
    {
        var regionCount = rates.Length;
        var cellCount = layout.CellCount;
        if (start.Length != regionCount * cellCount || end.Length != start.Length)
        {
            throw new ArgumentException("Start and end must hold every region's cells.", nameof(start));
        }

        var pooled = false;
        for (var r = 0; r < regionCount; r++)
        {
            pooled |= rates[r].InternalMigrationShare > 0;
            components.CappedCells[r] = 0;
        }

        // Women and men of age ≥ 1 first: the year's births depend on women's exposure.
        AdvanceCohorts(layout, rates, assumptions, start, end, components, workspace, Sex.Female, 1, layout.OldestAge, pooled);
        AdvanceCohorts(layout, rates, assumptions, start, end, components, workspace, Sex.Male, 1, layout.OldestAge, pooled);
        ComputeBirths(layout, rates, assumptions, components);
        AdvanceCohorts(layout, rates, assumptions, start, end, components, workspace, Sex.Female, 0, 0, pooled);
        AdvanceCohorts(layout, rates, assumptions, start, end, components, workspace, Sex.Male, 0, 0, pooled);
    }

    private static void ComputeBirths(PopulationLayout layout, RegionRates[] rates, StepAssumptions assumptions, ComponentsOfChange components)
    {
        var cellCount = layout.CellCount;
        var femaleOffset = layout.SexOffset(Sex.Female);
        var exposure = components.Exposure;
        for (var r = 0; r < rates.Length; r++)
        {
            var fertility = rates[r].Fertility;
            var regionOffset = (r * cellCount) + femaleOffset;
            var births = 0.0;
            for (var age = 1; age < fertility.Length; age++)
            {
                births += fertility[age] * exposure[regionOffset + age];
            }

            births *= assumptions.FertilityFactor[r];
            var ratio = rates[r].SexRatioAtBirth;
            var boys = births * ratio / (1 + ratio);
            components.Births[(r * 2) + (int)Sex.Male] = boys;
            components.Births[(r * 2) + (int)Sex.Female] = births - boys;
        }
    }

    private static void AdvanceCohorts(
        PopulationLayout layout,
        RegionRates[] rates,
        StepAssumptions assumptions,
        ReadOnlySpan<double> start,
        Span<double> end,
        ComponentsOfChange components,
        StepWorkspace workspace,
        Sex sex,
        int fromAge,
        int toAge,
        bool pooled)
    {
        var cellCount = layout.CellCount;
        var sexOffset = layout.SexOffset(sex);
        var oldest = layout.OldestAge;
        var inverse = workspace.InverseDenominator;
        var exposureWithoutArrivals = workspace.ExposureWithoutArrivals;
        var poolNumerator = workspace.PoolNumerator;
        var poolSlope = workspace.PoolSlope;
        var mortalityFactor = assumptions.MortalityFactor;
        var outFactor = assumptions.DomesticOutFactor;
        var emigrationFactor = assumptions.EmigrationFactor;
        var inFactor = assumptions.DomesticInFactor;
        var immigrationFactor = assumptions.ImmigrationFactor;

        if (pooled)
        {
            Array.Clear(poolNumerator, sexOffset + fromAge, toAge - fromAge + 1);
            Array.Clear(poolSlope, sexOffset + fromAge, toAge - fromAge + 1);
        }

        // Pass 1: exposure before pool arrivals, and each region's contribution to the pool.
        for (var r = 0; r < rates.Length; r++)
        {
            var rate = rates[r];
            var mortality = rate.Mortality;
            var domesticOut = rate.DomesticOutMigration;
            var emigration = rate.Emigration;
            var domesticIn = rate.DomesticInMigration;
            var immigration = rate.Immigration;
            var stays = rate.InternalMigrationShare;
            var destination = rate.InternalDestinationShare;
            var regionOffset = r * cellCount;
            var births = fromAge == 0 ? components.Births[(r * 2) + (int)sex] : 0;
            for (var age = fromAge; age <= toAge; age++)
            {
                var c = sexOffset + age;
                var i = regionOffset + c;
                var cohortStart = CohortStart(start, regionOffset + sexOffset, age, oldest);
                var arrivals = (domesticIn[c] * inFactor) + (immigration[c] * immigrationFactor) + (age == 0 ? births : 0);
                var m = mortality[c] * mortalityFactor;
                var o = domesticOut[c] * outFactor;
                var e = emigration[c] * emigrationFactor;
                var exitRate = m + o + e;
                if (exitRate > MaxExitRate)
                {
                    o *= MaxExitRate / exitRate;
                    exitRate = MaxExitRate;
                }

                var inv = 1.0 / (1.0 + (0.5 * exitRate));
                var baseExposure = (cohortStart + (0.5 * arrivals)) * inv;
                inverse[i] = inv;
                exposureWithoutArrivals[i] = baseExposure;
                if (pooled)
                {
                    poolNumerator[c] += stays * o * baseExposure;
                    poolSlope[c] += stays * o * destination * inv;
                }
            }
        }

        // Pass 2: pool arrivals, exposure, flows and the end population.
        var deaths = components.Deaths;
        var domesticInOut = components.DomesticIn;
        var domesticOutOut = components.DomesticOut;
        var immigrationOut = components.Immigration;
        var emigrationOut = components.Emigration;
        var exposureOut = components.Exposure;
        for (var r = 0; r < rates.Length; r++)
        {
            var rate = rates[r];
            var mortality = rate.Mortality;
            var domesticOut = rate.DomesticOutMigration;
            var emigration = rate.Emigration;
            var domesticIn = rate.DomesticInMigration;
            var immigration = rate.Immigration;
            var destination = rate.InternalDestinationShare;
            var regionOffset = r * cellCount;
            var births = fromAge == 0 ? components.Births[(r * 2) + (int)sex] : 0;
            var capped = 0;
            for (var age = fromAge; age <= toAge; age++)
            {
                var c = sexOffset + age;
                var i = regionOffset + c;
                var cohortStart = CohortStart(start, regionOffset + sexOffset, age, oldest);
                var inFromRestOfSweden = domesticIn[c] * inFactor;
                var immigrants = immigration[c] * immigrationFactor;
                var m = mortality[c] * mortalityFactor;
                var o = domesticOut[c] * outFactor;
                var e = emigration[c] * emigrationFactor;
                var exitRate = m + o + e;
                if (exitRate > MaxExitRate)
                {
                    // Scale every exit alike so the cohort is emptied, never overdrawn.
                    var scale = MaxExitRate / exitRate;
                    m *= scale;
                    o *= scale;
                    e *= scale;
                    capped++;
                }

                var poolArrivals = pooled ? destination * poolNumerator[c] / (1.0 - (0.5 * poolSlope[c])) : 0.0;
                var exposure = exposureWithoutArrivals[i] + (0.5 * poolArrivals * inverse[i]);
                var died = m * exposure;
                var movedOut = o * exposure;
                var emigrated = e * exposure;
                var inMigrants = inFromRestOfSweden + poolArrivals;
                var newborn = age == 0 ? births : 0;
                var population = cohortStart + newborn - died + inMigrants - movedOut + immigrants - emigrated;
                end[i] = population > 0 ? population : 0;
                deaths[i] = died;
                domesticInOut[i] = inMigrants;
                domesticOutOut[i] = movedOut;
                immigrationOut[i] = immigrants;
                emigrationOut[i] = emigrated;
                exposureOut[i] = exposure;
            }

            components.CappedCells[r] += capped;
        }
    }

    /// <summary>The cohort that reaches <paramref name="age"/> this year, as it stood at the start of the year.</summary>
    private static double CohortStart(ReadOnlySpan<double> start, int sexBlock, int age, int oldest)
    {
        if (age == 0)
        {
            return 0;
        }

        var cohort = start[sexBlock + age - 1];
        return age == oldest ? cohort + start[sexBlock + oldest] : cohort;
    }
}
