using System.Globalization;
using System.Text;
using Projection.Core;
using Projection.Estimation;

namespace Projection.Cli;

/// <summary>Mean absolute percentage errors of backtest cases, by horizon, measure and method, as Markdown.</summary>
internal static class BacktestReport
{
    public sealed record Row(int Horizon, string Measure, int Cases, IReadOnlyDictionary<string, double> Mape, int CohortComponentWins);

    public static IReadOnlyList<Row> Summarize(IReadOnlyList<Backtest.Outcome> outcomes, IReadOnlyList<AgeGroup> groups)
    {
        var rows = new List<Row>();
        foreach (var horizon in outcomes.Select(o => o.Horizon).Distinct().Order())
        {
            var cases = outcomes.Where(o => o.Horizon == horizon).ToList();
            var measures = new List<(string Name, Func<Backtest.Outcome, double> Observed, Func<Backtest.Forecast, double> Forecast)>
            {
                ("total", o => o.ObservedTotal, f => f.Total),
            };
            for (var g = 0; g < groups.Count; g++)
            {
                var index = g;
                measures.Add((groups[g].Name, o => o.ObservedGroups[index], f => f.Groups[index]));
            }

            foreach (var (name, observed, forecast) in measures)
            {
                var methods = cases[0].Forecasts.Select(f => f.Method).ToList();
                var mape = methods.ToDictionary(
                    m => m,
                    m => cases.Average(o => Backtest.PercentageError(forecast(o.Forecasts.First(f => f.Method == m)), observed(o))));
                var wins = cases.Count(o =>
                {
                    var errors = o.Forecasts.ToDictionary(f => f.Method, f => Backtest.PercentageError(forecast(f), observed(o)));
                    return errors.Where(kv => kv.Key != Backtest.CohortComponent).All(kv => errors[Backtest.CohortComponent] < kv.Value);
                });
                rows.Add(new Row(horizon, name, cases.Count, mape, wins));
            }
        }

        return rows;
    }

    public static string Markdown(IReadOnlyList<Row> rows, IReadOnlyList<AgeGroup> groups, int caseCount, IReadOnlyList<string> skipped)
    {
        var text = new StringBuilder();
        foreach (var horizon in rows.Select(r => r.Horizon).Distinct())
        {
            var horizonRows = rows.Where(r => r.Horizon == horizon).ToList();
            var methods = horizonRows[0].Mape.Keys.ToList();
            text.Append(CultureInfo.InvariantCulture, $"### Horizon {horizon} years ({horizonRows[0].Cases} cases): mean absolute percentage error\n\n");
            text.Append("| measure | ").Append(string.Join(" | ", methods)).Append(" | cohort-component best |\n");
            text.Append("|---|").Append(string.Concat(methods.Select(_ => "---:|"))).Append("---:|\n");
            foreach (var row in horizonRows)
            {
                var best = row.Mape.MinBy(kv => kv.Value).Key;
                text.Append("| ").Append(row.Measure).Append(" | ");
                text.Append(string.Join(" | ", methods.Select(m => (m == best ? "**" : "") + row.Mape[m].ToString("0.00", CultureInfo.InvariantCulture) + (m == best ? "**" : ""))));
                text.Append(CultureInfo.InvariantCulture, $" | {row.CohortComponentWins}/{row.Cases} |\n");
            }

            text.Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"{caseCount} cases.");
        if (skipped.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" Left out: {string.Join("; ", skipped)}.");
        }

        text.Append('\n');
        return text.ToString();
    }

    public static string MunicipalMarkdown(IReadOnlyList<MunicipalTotalsBacktest.Outcome> outcomes)
    {
        var text = new StringBuilder();
        foreach (var horizon in outcomes.Select(o => o.Horizon).Distinct().Order())
        {
            var cases = outcomes.Where(o => o.Horizon == horizon).ToList();
            var methods = cases[0].Forecasts.Keys.ToList();
            text.Append(CultureInfo.InvariantCulture, $"\n### Municipal totals, horizon {horizon} years ({cases.Count} cases: {cases.Select(c => c.Region).Distinct().Count()} municipalities × {cases.Select(c => c.BaseYear).Distinct().Count()} base years)\n\n");
            text.Append("| statistic | ").Append(string.Join(" | ", methods)).Append(" |\n|---|").Append(string.Concat(methods.Select(_ => "---:|"))).Append('\n');
            var errors = methods.ToDictionary(m => m, m => cases.Select(c => Backtest.PercentageError(c.Forecasts[m], c.Observed)).Order().ToList());
            text.Append("| mean absolute % error | ").Append(string.Join(" | ", methods.Select(m => errors[m].Average().ToString("0.00", CultureInfo.InvariantCulture)))).Append(" |\n");
            text.Append("| median absolute % error | ").Append(string.Join(" | ", methods.Select(m => errors[m][errors[m].Count / 2].ToString("0.00", CultureInfo.InvariantCulture)))).Append(" |\n");
            text.Append("| cases where best | ").Append(string.Join(" | ", methods.Select(m => cases.Count(c => methods.All(other => other == m || Math.Abs(c.Forecasts[m] - c.Observed) < Math.Abs(c.Forecasts[other] - c.Observed))).ToString(CultureInfo.InvariantCulture)))).Append(" |\n");
        }

        return text.ToString();
    }
}
