using Projection.Core;

namespace Projection.Files;

/// <summary>The spread of one indicator in one year over a stochastic projection's trajectories.</summary>
/// <param name="Lower95">2.5 % quantile: the lower end of the 95 % interval.</param>
/// <param name="Lower80">10 % quantile: the lower end of the 80 % interval.</param>
/// <param name="Median">50 % quantile.</param>
/// <param name="Upper80">90 % quantile.</param>
/// <param name="Upper95">97.5 % quantile.</param>
public sealed record Interval(double Lower95, double Lower80, double Median, double Upper80, double Upper95);

/// <summary>The intervals of one projected year: the total and each age group.</summary>
public sealed record UncertainYear(int Year, Interval Total, IReadOnlyDictionary<string, Interval> AgeGroups);

/// <summary>A stochastic projection's intervals for one region, with what made them and how far to trust them.</summary>
/// <param name="Trajectories">Trajectories drawn.</param>
/// <param name="Seed">The random seed: the same seed gives the same intervals.</param>
/// <param name="Model">Where the uncertainty model's parameters come from.</param>
/// <param name="Backtest">
/// How often the model's intervals for the total and for these age groups held what happened in
/// backtests on counties (null where none was measured): an 80 % interval that held 56 % of the
/// outcomes is narrower than it should be.
/// </param>
/// <param name="Years">From the base year (no spread) to the horizon.</param>
public sealed record Uncertainty(int Trajectories, ulong Seed, string Model, IntervalTrackRecord? Backtest, IReadOnlyList<UncertainYear> Years);

/// <summary>Builds <see cref="Uncertainty"/> for one region from <see cref="ProjectionIntervals"/>, and its CSV columns.</summary>
public static class UncertaintyReport
{
    private static readonly string[] ColumnSuffixes = ["lower95", "lower80", "median", "upper80", "upper95"];

    /// <summary>
    /// The intervals of <paramref name="region"/> (the sum of all regions when <paramref name="wholeResult"/>) for the years
    /// <paramref name="from"/>..<paramref name="to"/>, drawn from <paramref name="model"/>, with its track record for the indicators shown.
    /// </summary>
    public static Uncertainty Build(ProjectionIntervals intervals, string region, bool wholeResult, UncertaintyModel model, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentNullException.ThrowIfNull(model);
        var index = intervals.RegionIndex(region, wholeResult);
        if (index < 0)
        {
            throw new ArgumentException($"The intervals have no region '{region}'.", nameof(region));
        }

        var years = new List<UncertainYear>();
        for (var t = 0; t <= intervals.Horizon; t++)
        {
            var year = intervals.BaseYear + t;
            if (year < from || year > to)
            {
                continue;
            }

            var groups = new Dictionary<string, Interval>(StringComparer.Ordinal);
            for (var i = 1; i < intervals.Indicators.Count; i++)
            {
                groups[intervals.Indicators[i]] = At(intervals, index, i, t);
            }

            years.Add(new UncertainYear(year, At(intervals, index, 0, t), groups));
        }

        return new Uncertainty(intervals.Trajectories, intervals.Seed, model.Source, model.TrackRecord?.For(intervals.Indicators, !wholeResult && Region.IsMunicipalityCode(region)), years);
    }

    /// <summary>CSV headers for the intervals of the total and each group, e.g. "total lower95", "age 0 upper80".</summary>
    public static IEnumerable<string> Headers(IEnumerable<string> groups)
    {
        foreach (var suffix in ColumnSuffixes)
        {
            yield return $"total {suffix}";
        }

        foreach (var group in groups)
        {
            foreach (var suffix in ColumnSuffixes)
            {
                yield return $"age {group} {suffix}";
            }
        }
    }

    /// <summary>The cells for <see cref="Headers"/> in one year; empty where the year has no interval (observed years).</summary>
    public static IEnumerable<string> Cells(UncertainYear? year, IEnumerable<string> groups, Func<double, string> cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        static IEnumerable<double> Values(Interval i) => [i.Lower95, i.Lower80, i.Median, i.Upper80, i.Upper95];
        var names = groups.ToList();
        if (year is null)
        {
            return Enumerable.Repeat("", ColumnSuffixes.Length * (names.Count + 1));
        }

        return Values(year.Total).Concat(names.SelectMany(g => Values(year.AgeGroups[g]))).Select(cell);
    }

    /// <summary>One series' interval, rounded as the reports round persons.</summary>
    public static Interval At(ProjectionIntervals intervals, int region, int indicator, int t) => new(
        ProjectionReports.Round(intervals.Quantile(region, indicator, t, 0)),
        ProjectionReports.Round(intervals.Quantile(region, indicator, t, 1)),
        ProjectionReports.Round(intervals.Quantile(region, indicator, t, 2)),
        ProjectionReports.Round(intervals.Quantile(region, indicator, t, 3)),
        ProjectionReports.Round(intervals.Quantile(region, indicator, t, 4)));
}
