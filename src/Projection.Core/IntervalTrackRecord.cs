namespace Projection.Core;

/// <summary>
/// How often a model's intervals held what happened, for one indicator at one horizon, in
/// backtests (<c>projection calibrate</c>, docs/accuracy.md). Reported beside the intervals so
/// that a reader knows how far to trust them; never used to project.
/// </summary>
/// <param name="Indicator">"total" or an age group's label, e.g. "1-5".</param>
/// <param name="HorizonYears">Years after the base year.</param>
/// <param name="Cases">Outcomes checked.</param>
/// <param name="In80Percent">Outcomes inside the 80 % interval, in percent of the cases.</param>
/// <param name="In95Percent">Outcomes inside the 95 % interval, in percent of the cases.</param>
/// <param name="Below80">Outcomes below the 80 % interval.</param>
/// <param name="Above80">Outcomes above the 80 % interval.</param>
/// <param name="MeasuredOn">"counties" or "municipalities": the regions whose outcomes were checked.</param>
public sealed record IntervalCoverage(string Indicator, int HorizonYears, int Cases, double In80Percent, double In95Percent, int Below80, int Above80, string MeasuredOn = IntervalCoverage.Counties)
{
    /// <summary>Checked on counties.</summary>
    public const string Counties = "counties";

    /// <summary>Checked on municipalities.</summary>
    public const string Municipalities = "municipalities";
}

/// <summary>A model's backtested coverage, and where and how it was measured.</summary>
/// <param name="Source">What was checked, against what, on which base years and trajectories.</param>
/// <param name="Coverage">Each indicator at each horizon.</param>
/// <param name="MunicipalCounty">The county (SCB code) whose municipalities were checked; null when none was.</param>
public sealed record IntervalTrackRecord(string Source, IReadOnlyList<IntervalCoverage> Coverage, string? MunicipalCounty = null)
{
    /// <summary>
    /// The same record with only <paramref name="indicators"/> (the total and a response's age
    /// groups), each at each horizon as checked on regions like the one reported: for a
    /// municipality, what was checked on municipalities where there is such a check, else on
    /// counties; for a county, on counties only. Null when none is covered.
    /// </summary>
    public IntervalTrackRecord? For(IEnumerable<string> indicators, bool municipality = false)
    {
        var wanted = indicators.ToHashSet(StringComparer.Ordinal);
        var kept = Coverage
            .Where(c => wanted.Contains(c.Indicator))
            .GroupBy(c => (c.Indicator, c.HorizonYears))
            .Select(g => municipality
                ? g.FirstOrDefault(c => c.MeasuredOn == IntervalCoverage.Municipalities) ?? g.FirstOrDefault(c => c.MeasuredOn == IntervalCoverage.Counties)
                : g.FirstOrDefault(c => c.MeasuredOn == IntervalCoverage.Counties))
            .OfType<IntervalCoverage>()
            .ToList();
        return kept.Count == 0 ? null : this with { Coverage = kept };
    }
}
