namespace Projection.Core;

/// <summary>
/// Quantiles over the trajectories of a stochastic projection: for each region (and, when there
/// are several, their sum), each indicator (the total, then each age group), each year from the
/// base year, and each of <see cref="Levels"/>.
/// </summary>
public sealed class ProjectionIntervals
{
    /// <summary>The quantile levels kept: the 95 % interval, the 80 % interval and the median.</summary>
    public static IReadOnlyList<double> Levels { get; } = [0.025, 0.1, 0.5, 0.9, 0.975];

    /// <summary>The code of the sum of all regions in <see cref="RegionCodes"/>.</summary>
    public const string AllRegions = "all";

    private readonly double[] _quantiles;

    internal ProjectionIntervals(int baseYear, int horizon, IReadOnlyList<string> regionCodes, IReadOnlyList<string> indicators, int trajectories, ulong seed, double[] quantiles)
    {
        BaseYear = baseYear;
        Horizon = horizon;
        RegionCodes = regionCodes;
        Indicators = indicators;
        Trajectories = trajectories;
        Seed = seed;
        _quantiles = quantiles;
    }

    public int BaseYear { get; }

    public int Horizon { get; }

    /// <summary>The projected regions' codes, followed by <see cref="AllRegions"/> when there is more than one.</summary>
    public IReadOnlyList<string> RegionCodes { get; }

    /// <summary>"total", then the age groups' names.</summary>
    public IReadOnlyList<string> Indicators { get; }

    public int Trajectories { get; }

    public ulong Seed { get; }

    /// <summary>The quantile at <see cref="Levels"/>[<paramref name="level"/>] of an indicator in a year (0 = the base year).</summary>
    public double Quantile(int region, int indicator, int yearIndex, int level) =>
        _quantiles[(Series(region, indicator, yearIndex) * Levels.Count) + level];

    /// <summary>
    /// The series of <paramref name="code"/>, or with <paramref name="allRegions"/> the series of
    /// all regions together: their sum when there are several, the one region's own when there is
    /// one (a county of one municipality, Gotland). −1 when there is no such series.
    /// </summary>
    public int RegionIndex(string code, bool allRegions) =>
        allRegions ? (RegionCodes.Count > 1 ? RegionIndex(AllRegions) : 0) : RegionIndex(code);

    public int RegionIndex(string code)
    {
        for (var r = 0; r < RegionCodes.Count; r++)
        {
            if (RegionCodes[r] == code)
            {
                return r;
            }
        }

        return -1;
    }

    /// <summary>The position of a series: year-major, so that a trajectory writes each year's indicators contiguously.</summary>
    internal int Series(int region, int indicator, int yearIndex) => (((yearIndex * RegionCodes.Count) + region) * Indicators.Count) + indicator;
}
