using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
/// the cell is counted in <see cref="StepFlows.CappedCells"/>.</para>
/// </remarks>
public static class ProjectionStep
{
    /// <summary>The largest total exit rate per person-year for which the end population stays non-negative.</summary>
    public const double MaxExitRate = 2.0;

    /// <summary>
    /// Whether the hot loop runs eight ages at a time in 512-bit vectors (where the processor has
    /// them) rather than at the runtime's <see cref="Vector{T}"/> width (docs/performance.md).
    /// </summary>
    private static readonly bool Wide = Vector512.IsHardwareAccelerated;

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
        StepFlows components,
        StepWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(assumptions);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(workspace);
        var regionCount = rates.Length;
        if (start.Length != regionCount * layout.CellCount || end.Length != start.Length)
        {
            throw new ArgumentException("Start and end must hold every region's cells.", nameof(start));
        }

        if (!components.Layout.Equals(layout) || components.RegionCount != regionCount || workspace.RegionCount != regionCount || assumptions.FertilityFactor.Length != regionCount || assumptions.MortalityFactor.Length != regionCount)
        {
            throw new ArgumentException("Components, workspace and assumptions must be sized for the same regions.", nameof(components));
        }

        var pooled = false;
        for (var r = 0; r < regionCount; r++)
        {
            var rate = rates[r];
            if (rate.Mortality.Length != layout.CellCount || rate.DomesticOutMigration.Length != layout.CellCount || rate.Emigration.Length != layout.CellCount
                || rate.DomesticInMigration.Length != layout.CellCount || rate.Immigration.Length != layout.CellCount || rate.Fertility.Length != layout.AgeCount)
            {
                throw new ArgumentException($"Region {r}'s rates do not fit the layout: validate the input first.", nameof(rates));
            }

            pooled |= rates[r].InternalMigrationShare > 0;
            components.CappedCells[r] = 0;
        }

        components.Totals.AsSpan().Clear();

        var mortalityByAge = assumptions.MortalityByAge.Length == 0 ? workspace.UniformMortality : assumptions.MortalityByAge;
        if (mortalityByAge.Length != layout.CellCount)
        {
            throw new ArgumentException("The assumptions' mortality by age must have one value per cell.", nameof(assumptions));
        }

        var step = new StepContext(layout, rates, assumptions, mortalityByAge, components, workspace, pooled);

        // Women and men of age ≥ 1 first: the year's births depend on women's exposure.
        step.AdvanceCohorts(start, end, Sex.Female, 1, layout.OldestAge);
        step.AdvanceCohorts(start, end, Sex.Male, 1, layout.OldestAge);
        step.ComputeBirths();
        step.AdvanceCohorts(start, end, Sex.Female, 0, 0);
        step.AdvanceCohorts(start, end, Sex.Male, 0, 0);
    }

    /// <summary>The step's fixed inputs, so that the per-range loops take few arguments.</summary>
    private readonly ref struct StepContext(
        PopulationLayout layout,
        RegionRates[] rates,
        StepAssumptions assumptions,
        double[] mortalityByAge,
        StepFlows components,
        StepWorkspace workspace,
        bool pooled)
    {
        private readonly int _cellCount = layout.CellCount;
        private readonly int _oldest = layout.OldestAge;

        public void ComputeBirths()
        {
            var femaleOffset = layout.SexOffset(Sex.Female);
            var exposure = components.Exposure;
            for (var r = 0; r < rates.Length; r++)
            {
                var births = Dot(rates[r].Fertility, exposure.AsSpan((r * _cellCount) + femaleOffset, layout.AgeCount));

                births *= assumptions.FertilityFactor[r];
                var ratio = rates[r].SexRatioAtBirth;
                var boys = births * ratio / (1 + ratio);
                components.Births[(r * 2) + (int)Sex.Male] = boys;
                components.Births[(r * 2) + (int)Sex.Female] = births - boys;
                components.Totals[StepFlows.TotalIndex(r, Sex.Male, ComponentOfChange.Births)] = boys;
                components.Totals[StepFlows.TotalIndex(r, Sex.Female, ComponentOfChange.Births)] = births - boys;
            }
        }

        private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
        {
            var sum = Vector<double>.Zero;
            var i = 0;
            for (; i + Vector<double>.Count <= x.Length; i += Vector<double>.Count)
            {
                sum += new Vector<double>(x.Slice(i)) * new Vector<double>(y.Slice(i));
            }

            var total = Vector.Sum(sum);
            for (; i < x.Length; i++)
            {
                total += x[i] * y[i];
            }

            return total;
        }

        /// <summary>Advances the cohorts reaching ages <paramref name="fromAge"/>..<paramref name="toAge"/> of one sex in every region.</summary>
        public void AdvanceCohorts(ReadOnlySpan<double> start, Span<double> end, Sex sex, int fromAge, int toAge)
        {
            var sexOffset = layout.SexOffset(sex);

            // Ages 1..ω−1 follow their cohort one age up (a plain run); newborns and the open group ω do not.
            var plainFrom = Math.Max(fromAge, 1);
            var plainTo = Math.Min(toAge, _oldest - 1);
            if (pooled)
            {
                var poolEnd = plainFrom + ((plainTo - plainFrom + 1) / Vector<double>.Count * Vector<double>.Count);
                var count = toAge - fromAge + 1;
                Array.Clear(workspace.Pool, sexOffset + fromAge, count);
                Array.Clear(workspace.PoolSlope, sexOffset + fromAge, count);
                for (var r = 0; r < rates.Length; r++)
                {
                    PoolRun(start, r, sexOffset, plainFrom, poolEnd);
                    for (var age = poolEnd; age <= plainTo; age++)
                    {
                        PoolCell(start, r, sexOffset, age);
                    }

                    if (fromAge == 0)
                    {
                        PoolCell(start, r, sexOffset, 0);
                    }

                    if (toAge == _oldest)
                    {
                        PoolCell(start, r, sexOffset, _oldest);
                    }
                }

                // The pool M = P / (1 − Q/2) per cell (see the class remarks); kept in the workspace's Pool.
                for (var c = sexOffset + fromAge; c <= sexOffset + toAge; c++)
                {
                    workspace.Pool[c] /= 1.0 - (0.5 * workspace.PoolSlope[c]);
                }
            }

            // Ages 1..ω in one vectorized run where there are enough of them (the open group is its last lane), else cell by cell.
            var width = Wide ? Lanes512.Count : LanesOfRuntimeWidth.Count;
            var vectorized = toAge == _oldest && _oldest - plainFrom + 1 >= width;
            for (var r = 0; r < rates.Length; r++)
            {
                var capped = 0;
                if (vectorized)
                {
                    capped += FlowRun(start, end, r, sex, plainFrom);
                }
                else
                {
                    for (var age = plainFrom; age <= toAge; age++)
                    {
                        capped += FlowCell(start, end, r, sexOffset, age);
                    }
                }

                if (fromAge == 0)
                {
                    capped += FlowCell(start, end, r, sexOffset, 0);
                }

                components.CappedCells[r] += capped;
            }
        }

        /// <summary>The pool contributions of a run of plain cohorts, Vector&lt;double&gt;.Count ages at a time (bounds checked in <see cref="Advance"/>).</summary>
        private void PoolRun(ReadOnlySpan<double> start, int region, int sexOffset, int fromAge, int toAgeExclusive)
        {
            var rate = rates[region];
            var block = (region * _cellCount) + sexOffset;
            ref var startAt = ref Unsafe.Add(ref MemoryMarshal.GetReference(start), block - 1);
            ref var inRates = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rate.DomesticInMigration), sexOffset);
            ref var immigration = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rate.Immigration), sexOffset);
            ref var mortality = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rate.Mortality), sexOffset);
            ref var mortalityChange = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(mortalityByAge), sexOffset);
            ref var outRates = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rate.DomesticOutMigration), sexOffset);
            ref var emigration = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rate.Emigration), sexOffset);
            ref var numerator = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(workspace.Pool), sexOffset);
            ref var slope = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(workspace.PoolSlope), sexOffset);
            var inFactor = new Vector<double>(assumptions.DomesticInFactor[region]);
            var immigrationFactor = new Vector<double>(assumptions.ImmigrationFactor[region]);
            var mortalityFactor = new Vector<double>(assumptions.MortalityFactor[region]);
            var outFactor = new Vector<double>(assumptions.DomesticOutFactor[region]);
            var emigrationFactor = new Vector<double>(assumptions.EmigrationFactor[region]);
            var stays = new Vector<double>(rate.InternalMigrationShare);
            var destination = new Vector<double>(rate.InternalDestinationShare);
            var half = new Vector<double>(0.5);
            var max = new Vector<double>(MaxExitRate);
            for (nuint age = (nuint)fromAge; age < (nuint)toAgeExclusive; age += (nuint)Vector<double>.Count)
            {
                var cohortStart = Vector.LoadUnsafe(ref startAt, age);
                var arrivals = (Vector.LoadUnsafe(ref inRates, age) * inFactor) + (Vector.LoadUnsafe(ref immigration, age) * immigrationFactor);
                var m = Vector.LoadUnsafe(ref mortality, age) * Vector.LoadUnsafe(ref mortalityChange, age) * mortalityFactor;
                var o = Vector.LoadUnsafe(ref outRates, age) * outFactor;
                var e = Vector.LoadUnsafe(ref emigration, age) * emigrationFactor;
                var exitRate = m + o + e;
                if (Vector.GreaterThanAny(exitRate, max))
                {
                    o *= Vector.Min(Vector<double>.One, max / exitRate);
                    exitRate = Vector.Min(exitRate, max);
                }

                var staying = o * stays / (Vector<double>.One + (half * exitRate));
                (Vector.LoadUnsafe(ref numerator, age) + (staying * (cohortStart + (half * arrivals)))).StoreUnsafe(ref numerator, age);
                (Vector.LoadUnsafe(ref slope, age) + (staying * destination)).StoreUnsafe(ref slope, age);
            }
        }

        /// <summary>Flows and end populations of the cohorts reaching ages <paramref name="fromAge"/>..ω, added to the totals; returns the number of capped cells.</summary>
        private int FlowRun(ReadOnlySpan<double> start, Span<double> end, int region, Sex sex, int fromAge) =>
            (Wide, assumptions.LeavesRatesAsEstimated(region)) switch
            {
                (true, true) => FlowRun<Lanes512, RatesAsEstimated>(start, end, region, sex, fromAge),
                (true, false) => FlowRun<Lanes512, RatesScaled>(start, end, region, sex, fromAge),
                (false, true) => FlowRun<LanesOfRuntimeWidth, RatesAsEstimated>(start, end, region, sex, fromAge),
                (false, false) => FlowRun<LanesOfRuntimeWidth, RatesScaled>(start, end, region, sex, fromAge),
            };

        /// <summary><see cref="FlowRun"/> at one vector width: <typeparamref name="TLanes"/>'s count of ages at a time.</summary>
        /// <remarks>
        /// The hot loop of the engine. It reads and writes through references without bounds checks:
        /// <see cref="Advance"/> has checked every array's length, and the run stays within ages 1..ω.
        /// When the ages do not fill whole vectors, the last vector ends at ω and overlaps the one before:
        /// recomputing a cell writes the same values, and its lanes counted already are left out of the totals
        /// and the count of capped cells. The open group ω, the last lane of the last vector, also keeps those
        /// who were ω at the start. The flows are summed in the loop (what a projection records every year), and
        /// stored by age only when <see cref="StepFlows.KeepFlowsByAge"/> asks: the stores cost more than the
        /// arithmetic (docs/performance.md).
        /// </remarks>
        private int FlowRun<TLanes, TFactors>(ReadOnlySpan<double> start, Span<double> end, int region, Sex sex, int fromAge)
            where TLanes : struct, IAgeLanes<TLanes>
            where TFactors : struct, IRateFactors
        {
            var rate = rates[region];
            var sexOffset = layout.SexOffset(sex);
            var block = (region * _cellCount) + sexOffset;
            ref var startAt = ref Unsafe.Add(ref MemoryMarshal.GetReference(start), block - 1);
            ref var endAt = ref Unsafe.Add(ref MemoryMarshal.GetReference(end), block);
            ref var inRates = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rate.DomesticInMigration), sexOffset);
            ref var immigration = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rate.Immigration), sexOffset);
            ref var mortality = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rate.Mortality), sexOffset);
            ref var mortalityChange = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(mortalityByAge), sexOffset);
            ref var outRates = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rate.DomesticOutMigration), sexOffset);
            ref var emigration = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rate.Emigration), sexOffset);
            ref var pool = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(workspace.Pool), sexOffset);
            ref var deaths = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(components.Deaths), block);
            ref var domesticIn = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(components.DomesticIn), block);
            ref var domesticOut = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(components.DomesticOut), block);
            ref var immigrants = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(components.Immigration), block);
            ref var emigrants = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(components.Emigration), block);
            ref var exposures = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(components.Exposure), block);
            var inFactor = TLanes.Broadcast(assumptions.DomesticInFactor[region]);
            var immigrationFactor = TLanes.Broadcast(assumptions.ImmigrationFactor[region]);
            var mortalityFactor = TLanes.Broadcast(assumptions.MortalityFactor[region]);
            var outFactor = TLanes.Broadcast(assumptions.DomesticOutFactor[region]);
            var emigrationFactor = TLanes.Broadcast(assumptions.EmigrationFactor[region]);
            var destination = TLanes.Broadcast(pooled ? rate.InternalDestinationShare : 0);
            var half = TLanes.Broadcast(0.5);
            var one = TLanes.Broadcast(1.0);
            var max = TLanes.Broadcast(MaxExitRate);
            TLanes allDied = default, allIn = default, allOut = default, allImmigrants = default, allEmigrated = default;
            var keepFlows = components.KeepFlowsByAge;
            var fromPool = pooled;
            var capped = 0;

            // The last vector starts here and ends at ω; its last lane adds those already ω at the start to the open group.
            var last = (nuint)(_oldest + 1 - TLanes.Count);
            var alreadyOpen = TLanes.InLastLane(Unsafe.Add(ref startAt, _oldest + 1));
            var counted = 0;
            for (var age = (nuint)fromAge; ; )
            {
                var cohortStart = TLanes.Load(ref startAt, age);
                if (age == last)
                {
                    cohortStart += alreadyOpen;
                }

                var arrivingImmigrants = TLanes.Load(ref immigration, age);
                var m = TLanes.Load(ref mortality, age) * TLanes.Load(ref mortalityChange, age);
                var o = TLanes.Load(ref outRates, age);
                var e = TLanes.Load(ref emigration, age);
                var inMigrants = TLanes.Load(ref inRates, age);
                if (TFactors.Scale)
                {
                    arrivingImmigrants *= immigrationFactor;
                    m *= mortalityFactor;
                    o *= outFactor;
                    e *= emigrationFactor;
                    inMigrants *= inFactor;
                }

                var exitRate = m + o + e;
                if (TLanes.AnyGreater(exitRate, max))
                {
                    // Scale every exit alike so the cohort is emptied, never overdrawn.
                    capped += BitOperations.PopCount(TLanes.GreaterBits(exitRate, max) >> counted);
                    var scale = TLanes.CapFactor(exitRate, max);
                    m *= scale;
                    o *= scale;
                    e *= scale;
                    exitRate = m + o + e;
                }

                // Without a pool (the loop-invariant branch is predicted), arrivals from the set are none: nothing to load.
                if (fromPool)
                {
                    inMigrants += TLanes.Load(ref pool, age) * destination;
                }

                // end = S + X − r·E: the exits' sum once, rather than each exit subtracted (equal but for rounding).
                var arrivals = inMigrants + arrivingImmigrants;
                var exposure = TLanes.MultiplyAdd(half, arrivals, cohortStart) / TLanes.MultiplyAdd(half, exitRate, one);
                TLanes.AtLeastZero(TLanes.MultiplyAdd(-exitRate, exposure, cohortStart + arrivals)).Store(ref endAt, age);
                exposure.Store(ref exposures, age);
                if (keepFlows)
                {
                    (m * exposure).Store(ref deaths, age);
                    inMigrants.Store(ref domesticIn, age);
                    (o * exposure).Store(ref domesticOut, age);
                    arrivingImmigrants.Store(ref immigrants, age);
                    (e * exposure).Store(ref emigrants, age);
                }

                if (counted != 0)
                {
                    // The overlapping last vector: its low lanes are in the totals already.
                    m = TLanes.DropLowLanes(m, counted);
                    o = TLanes.DropLowLanes(o, counted);
                    e = TLanes.DropLowLanes(e, counted);
                    inMigrants = TLanes.DropLowLanes(inMigrants, counted);
                    arrivingImmigrants = TLanes.DropLowLanes(arrivingImmigrants, counted);
                }

                allDied = TLanes.MultiplyAdd(m, exposure, allDied);
                allOut = TLanes.MultiplyAdd(o, exposure, allOut);
                allEmigrated = TLanes.MultiplyAdd(e, exposure, allEmigrated);
                allIn += inMigrants;
                allImmigrants += arrivingImmigrants;
                if (age == last)
                {
                    break;
                }

                age += (nuint)TLanes.Count;
                if (age > last)
                {
                    counted = (int)(age - last);
                    age = last;
                }
            }

            var totals = components.Totals.AsSpan(StepFlows.TotalIndex(region, sex, ComponentOfChange.Births), StepFlows.ComponentCount);
            totals[(int)ComponentOfChange.Deaths] += TLanes.Sum(allDied);
            totals[(int)ComponentOfChange.DomesticIn] += TLanes.Sum(allIn);
            totals[(int)ComponentOfChange.DomesticOut] += TLanes.Sum(allOut);
            totals[(int)ComponentOfChange.Immigration] += TLanes.Sum(allImmigrants);
            totals[(int)ComponentOfChange.Emigration] += TLanes.Sum(allEmigrated);
            return capped;
        }

        /// <summary>One cell's inputs: the cohort at the start, arrivals from outside the set, and its (capped) exit rates.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private (double CohortStart, double InFromRestOfSweden, double Immigrants, double Newborn, double Mortality, double Out, double Emigration, bool Capped) Cell(ReadOnlySpan<double> start, int region, int sexOffset, int age)
        {
            var rate = rates[region];
            var c = sexOffset + age;
            var block = (region * _cellCount) + sexOffset;
            var cohortStart = age == 0 ? 0 : start[block + age - 1] + (age == _oldest ? start[block + age] : 0);
            var m = rate.Mortality[c] * mortalityByAge[c] * assumptions.MortalityFactor[region];
            var o = rate.DomesticOutMigration[c] * assumptions.DomesticOutFactor[region];
            var e = rate.Emigration[c] * assumptions.EmigrationFactor[region];
            var exitRate = m + o + e;
            var capped = exitRate > MaxExitRate;
            if (capped)
            {
                var scale = MaxExitRate / exitRate;
                m *= scale;
                o *= scale;
                e *= scale;
            }

            var newborn = age == 0 ? components.Births[(region * 2) + (sexOffset / layout.AgeCount)] : 0;
            return (cohortStart, rate.DomesticInMigration[c] * assumptions.DomesticInFactor[region], rate.Immigration[c] * assumptions.ImmigrationFactor[region], newborn, m, o, e, capped);
        }

        private void PoolCell(ReadOnlySpan<double> start, int region, int sexOffset, int age)
        {
            var rate = rates[region];
            var cell = Cell(start, region, sexOffset, age);
            var c = sexOffset + age;
            var staying = cell.Out * rate.InternalMigrationShare / (1.0 + (0.5 * (cell.Mortality + cell.Out + cell.Emigration)));
            workspace.Pool[c] += staying * (cell.CohortStart + (0.5 * (cell.InFromRestOfSweden + cell.Immigrants + cell.Newborn)));
            workspace.PoolSlope[c] += staying * rate.InternalDestinationShare;
        }

        private int FlowCell(ReadOnlySpan<double> start, Span<double> end, int region, int sexOffset, int age)
        {
            var cell = Cell(start, region, sexOffset, age);
            var c = sexOffset + age;
            var i = (region * _cellCount) + c;
            var poolArrivals = pooled ? workspace.Pool[c] * rates[region].InternalDestinationShare : 0;
            var inMigrants = cell.InFromRestOfSweden + poolArrivals;
            // The vectorized run's arithmetic, cell by cell: end = S + X − r·E with the exits' sum r once.
            var exitRate = cell.Mortality + cell.Out + cell.Emigration;
            var arrivals = cell.Newborn + (inMigrants + cell.Immigrants);
            var cohortStart = cell.CohortStart;
            var exposure = double.MultiplyAddEstimate(0.5, arrivals, cohortStart) / double.MultiplyAddEstimate(0.5, exitRate, 1.0);
            var died = cell.Mortality * exposure;
            var movedOut = cell.Out * exposure;
            var emigrated = cell.Emigration * exposure;
            var population = double.MultiplyAddEstimate(-exitRate, exposure, cohortStart + arrivals);
            end[i] = population > 0 ? population : 0;
            components.Deaths[i] = died;
            components.DomesticIn[i] = inMigrants;
            components.DomesticOut[i] = movedOut;
            components.Immigration[i] = cell.Immigrants;
            components.Emigration[i] = emigrated;
            components.Exposure[i] = exposure;
            var totals = components.Totals.AsSpan(StepFlows.TotalIndex(region, (Sex)(sexOffset / layout.AgeCount), ComponentOfChange.Births), StepFlows.ComponentCount);
            totals[(int)ComponentOfChange.Deaths] += died;
            totals[(int)ComponentOfChange.DomesticIn] += inMigrants;
            totals[(int)ComponentOfChange.DomesticOut] += movedOut;
            totals[(int)ComponentOfChange.Immigration] += cell.Immigrants;
            totals[(int)ComponentOfChange.Emigration] += emigrated;
            return cell.Capped ? 1 : 0;
        }
    }
}

/// <summary>Whether a step multiplies a region's rates by the scenario's factors: the hot loop is compiled for each case.</summary>
internal interface IRateFactors
{
    static abstract bool Scale { get; }
}

/// <summary>Every factor of the region is 1 this year (the main scenario): five multiplications per cell fewer.</summary>
internal readonly struct RatesAsEstimated : IRateFactors
{
    public static bool Scale => false;
}

/// <summary>The scenario scales some of the region's rates.</summary>
internal readonly struct RatesScaled : IRateFactors
{
    public static bool Scale => true;
}
