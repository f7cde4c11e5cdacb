using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Projection.Core;

/// <summary>
/// The cohort-component step for <see cref="Vector{T}"/>.Count trajectories of one region at
/// once, in single precision: a SIMD lane per trajectory. Every lane is at the same age at the
/// same time, so a cell's rates are one broadcast and its populations one contiguous load (cells
/// are stored cell-major, lane-minor: <c>population[cell × lanes + lane]</c>), with no gathers;
/// a float lane is half the bytes of a double, and a 256-bit vector holds eight trajectories.
/// </summary>
/// <remarks>
/// <para>The model is <see cref="ProjectionStep"/>'s (exposure on the mean population, arrivals
/// counting half, exits capped at <see cref="ProjectionStep.MaxExitRate"/>) for a region without a
/// migration pool, written for what a trajectory keeps: the end populations, not the flows. Only the
/// trajectories of stochastic projections take this path: they keep one float per indicator
/// anyway, and a float carries 24 bits (7 significant digits), far below the spread of the
/// trajectories. Deterministic projections stay in double precision, where the balancing
/// identity holds to 1e-10; here, a year's identity holds to float rounding (about 1e-7 of the
/// population, documented in docs/performance.md and checked against the double path in the
/// tests).</para>
/// </remarks>
internal sealed class TrajectoryLanes
{
    /// <summary>Trajectories advanced together: the lanes of one <see cref="Vector{T}"/> of floats.</summary>
    public static int Count => Vector<float>.Count;

    private readonly PopulationLayout _layout;

    public TrajectoryLanes(PopulationLayout layout)
    {
        _layout = layout;
    }

    /// <summary>A region's rates in single precision, converted once per worker (its death rates come per year, with the year's change by age: <see cref="Advance"/>).</summary>
    public sealed class Rates
    {
        public Rates(RegionRates rates)
        {
            DomesticOut = ToFloat(rates.DomesticOutMigration);
            Emigration = ToFloat(rates.Emigration);
            DomesticIn = ToFloat(rates.DomesticInMigration);
            Immigration = ToFloat(rates.Immigration);
            Fertility = ToFloat(rates.Fertility);
            BoysShare = (float)(rates.SexRatioAtBirth / (1 + rates.SexRatioAtBirth));
        }

        public float[] DomesticOut { get; }

        public float[] Emigration { get; }

        public float[] DomesticIn { get; }

        public float[] Immigration { get; }

        public float[] Fertility { get; }

        /// <summary>Boys among the births: ratio / (1 + ratio).</summary>
        public float BoysShare { get; }

        private static float[] ToFloat(double[] values) => [.. values.Select(v => (float)v)];
    }

    /// <summary>Each lane's factors for the year: the scenario's times its trajectory's deviations.</summary>
    public struct Factors
    {
        public Vector<float> Fertility;
        public Vector<float> Mortality;
        public Vector<float> DomesticIn;
        public Vector<float> DomesticOut;
        public Vector<float> Immigration;
        public Vector<float> Emigration;
    }

    /// <summary>
    /// Advances every lane one year: <paramref name="start"/> holds the populations on 31 December
    /// of year t (cell-major, lane-minor), <paramref name="end"/> receives those of t + 1.
    /// <paramref name="mortality"/> is the year's death rates by cell (the region's, times the
    /// year's change by age), before the lanes' factors.
    /// </summary>
    public void Advance(Rates rates, float[] mortality, in Factors factors, float[] start, float[] end)
    {
        var cells = _layout.CellCount;
        if (start.Length != cells * Count || end.Length != start.Length || mortality.Length != cells
            || rates.DomesticOut.Length != cells || rates.Emigration.Length != cells || rates.DomesticIn.Length != cells
            || rates.Immigration.Length != cells || rates.Fertility.Length != _layout.AgeCount)
        {
            throw new ArgumentException("The lanes' populations, rates and mortality must fit the layout.", nameof(start));
        }

        var women = _layout.SexOffset(Sex.Female);
        var men = _layout.SexOffset(Sex.Male);

        // Women of age ≥ 1 first, their exposures giving the year's births; then men; then the newborn of both sexes.
        var births = Cohorts(rates, mortality, factors, start, end, women, rates.Fertility);
        Cohorts(rates, mortality, factors, start, end, men, null);
        births *= factors.Fertility;
        var boys = births * new Vector<float>(rates.BoysShare);
        Newborn(rates, mortality, factors, end, men, boys);
        Newborn(rates, mortality, factors, end, women, births - boys);
    }

    /// <summary>One sex's cohorts reaching ages 1..ω; with <paramref name="fertility"/>, returns Σ fertility × exposure (the births before the year's factor).</summary>
    /// <remarks>The hot loop: references without bounds checks, every length checked in <see cref="Advance"/>.</remarks>
    private Vector<float> Cohorts(Rates rates, float[] mortality, in Factors factors, float[] start, float[] end, int sexOffset, float[]? fertility)
    {
        var lanes = (nuint)Count;
        var oldest = _layout.OldestAge;
        ref var startAt = ref MemoryMarshal.GetArrayDataReference(start);
        ref var endAt = ref MemoryMarshal.GetArrayDataReference(end);
        ref var deathRates = ref MemoryMarshal.GetArrayDataReference(mortality);
        ref var outRates = ref MemoryMarshal.GetArrayDataReference(rates.DomesticOut);
        ref var emigration = ref MemoryMarshal.GetArrayDataReference(rates.Emigration);
        ref var inRates = ref MemoryMarshal.GetArrayDataReference(rates.DomesticIn);
        ref var immigration = ref MemoryMarshal.GetArrayDataReference(rates.Immigration);
        var births = Vector<float>.Zero;
        for (var age = 1; age <= oldest; age++)
        {
            var c = (nuint)(sexOffset + age);
            var cohortStart = Vector.LoadUnsafe(ref startAt, (c - 1) * lanes);
            if (age == oldest)
            {
                // The open group keeps those already in it.
                cohortStart += Vector.LoadUnsafe(ref startAt, c * lanes);
            }

            var exitRate = (new Vector<float>(Unsafe.Add(ref deathRates, c)) * factors.Mortality)
                + (new Vector<float>(Unsafe.Add(ref outRates, c)) * factors.DomesticOut)
                + (new Vector<float>(Unsafe.Add(ref emigration, c)) * factors.Emigration);
            var arrivals = (new Vector<float>(Unsafe.Add(ref inRates, c)) * factors.DomesticIn)
                + (new Vector<float>(Unsafe.Add(ref immigration, c)) * factors.Immigration);
            var exposure = Cell(cohortStart, arrivals, exitRate, ref Unsafe.Add(ref endAt, c * lanes));
            if (fertility is not null)
            {
                births += new Vector<float>(fertility[age]) * exposure;
            }
        }

        return births;
    }

    /// <summary>The newborn of one sex (age 0): no cohort at the start, the births arriving during the year.</summary>
    private static void Newborn(Rates rates, float[] mortality, in Factors factors, float[] end, int sexOffset, Vector<float> newborn)
    {
        var c = sexOffset;
        var exitRate = (new Vector<float>(mortality[c]) * factors.Mortality)
            + (new Vector<float>(rates.DomesticOut[c]) * factors.DomesticOut)
            + (new Vector<float>(rates.Emigration[c]) * factors.Emigration);
        var arrivals = (new Vector<float>(rates.DomesticIn[c]) * factors.DomesticIn)
            + (new Vector<float>(rates.Immigration[c]) * factors.Immigration)
            + newborn;
        _ = Cell(Vector<float>.Zero, arrivals, exitRate, ref end[c * Count]);
    }

    /// <summary>
    /// One cell of every lane: writes the end population S + A − X·E and returns the exposure
    /// E = (S + A/2) / (1 + X/2) = (2S + A) / (2 + X), where A are the arrivals and X the exit
    /// rate. Only the sum of the exits is needed here (no flows are kept), so capping the exits at
    /// <see cref="ProjectionStep.MaxExitRate"/>, which scales each alike, is capping X.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Cell(Vector<float> cohortStart, Vector<float> arrivals, Vector<float> exitRate, ref float end)
    {
        var exits = Vector.Min(exitRate, new Vector<float>((float)ProjectionStep.MaxExitRate));
        var exposure = (cohortStart + cohortStart + arrivals) / (new Vector<float>(2f) + exits);
        Vector.Max(cohortStart + arrivals - (exits * exposure), Vector<float>.Zero).StoreUnsafe(ref end);
        return exposure;
    }
}
