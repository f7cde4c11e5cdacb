using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// Carries a population forward year by year with given mortality and fertility, while
/// holding it to published totals: each year's gap between the projected and the published
/// total is taken as net migration and spread over ages by a migration age profile
/// (arrivals by the profile; departures by the profile times the population at risk). This
/// is how the modeled base populations are constrained to SCB's real totals (docs/method.md).
/// </summary>
public static class CarryForward
{
    /// <summary>What a carry-forward produced: populations on 31 December, and births, deaths and inferred net migration by year.</summary>
    public sealed record Result(
        SortedDictionary<int, double[]> Populations,
        SortedDictionary<int, double> Births,
        SortedDictionary<int, double> Deaths,
        SortedDictionary<int, double> NetMigration);

    /// <summary>
    /// Carries <paramref name="start"/> (31 December <paramref name="fromYear"/>) to <paramref name="toYear"/>.
    /// <paramref name="ratesForYear"/> gives the rates of each year (only mortality and fertility are used),
    /// <paramref name="targetTotal"/> the published total of each year (null: no constraint that year),
    /// and <paramref name="adjustAfterYear"/> may change a year's population after the constraint (e.g. raking to published age groups).
    /// </summary>
    public static Result Run(
        PopulationLayout layout,
        ReadOnlySpan<double> start,
        int fromYear,
        int toYear,
        Func<int, RegionRates> ratesForYear,
        Func<int, double?> targetTotal,
        ReadOnlySpan<double> migrationShape,
        Action<int, double[]>? adjustAfterYear = null)
    {
        var result = new Result([], [], [], []);
        var current = start.ToArray();
        result.Populations[fromYear] = (double[])current.Clone();
        var components = new StepFlows(layout, 1);
        var workspace = new StepWorkspace(layout, 1);
        var assumptions = new StepAssumptions(1);
        var rates = new RegionRates[1];
        for (var year = fromYear + 1; year <= toYear; year++)
        {
            var yearRates = ratesForYear(year);
            rates[0] = new RegionRates
            {
                Mortality = yearRates.Mortality,
                Fertility = yearRates.Fertility,
                SexRatioAtBirth = yearRates.SexRatioAtBirth,
                DomesticOutMigration = new double[layout.CellCount],
                Emigration = new double[layout.CellCount],
                DomesticInMigration = new double[layout.CellCount],
                Immigration = new double[layout.CellCount],
            };
            var end = new double[layout.CellCount];
            ProjectionStep.Advance(layout, rates, assumptions, current, end, components, workspace);
            var births = components.Births[0] + components.Births[1];
            var deaths = PopulationIndicators.Total(components.Deaths);
            var projected = PopulationIndicators.Total(end);
            var net = 0.0;
            if (targetTotal(year) is { } target)
            {
                net = target - projected;
                ApplyNetMigration(layout, end, net, migrationShape);
            }

            adjustAfterYear?.Invoke(year, end);
            result.Populations[year] = (double[])end.Clone();
            result.Births[year] = births;
            result.Deaths[year] = deaths;
            result.NetMigration[year] = PopulationIndicators.Total(end) - projected;
            current = end;
        }

        return result;
    }

    /// <summary>
    /// Adds <paramref name="net"/> people (negative: removes them) in proportion to the age
    /// <paramref name="shape"/> (a migration rate schedule, ω + 1 values, both sexes alike) times the
    /// population: migrants are distributed like movers of a population of this structure.
    /// Departures are bounded so that no cell goes below zero.
    /// </summary>
    public static void ApplyNetMigration(PopulationLayout layout, Span<double> population, double net, ReadOnlySpan<double> shape)
    {
        var maxShape = 0.0;
        for (var age = 0; age <= layout.OldestAge; age++)
        {
            maxShape = Math.Max(maxShape, shape[age]);
        }

        var weight = 0.0;
        for (var s = 0; s < 2; s++)
        {
            var offset = layout.SexOffset((Sex)s);
            for (var age = 0; age <= layout.OldestAge; age++)
            {
                weight += population[offset + age] * shape[age] / maxShape;
            }
        }

        if (weight <= 0)
        {
            return;
        }

        // A share of each cell proportional to its migration rate moves; leaving, no more than the whole cell.
        var scale = net >= 0 ? net / weight : Math.Max(-1.0, net / weight);
        for (var s = 0; s < 2; s++)
        {
            var offset = layout.SexOffset((Sex)s);
            for (var age = 0; age <= layout.OldestAge; age++)
            {
                population[offset + age] += population[offset + age] * scale * shape[age] / maxShape;
            }
        }
    }
}
