using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Projection.Migration;

/// <summary>The evaluation kept beside a model (evaluation.json) and the model card written from it.</summary>
public static class MigrationModelCard
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>What the service reads to choose the default migration assumption.</summary>
    /// <param name="Seed">The training seed.</param>
    /// <param name="Rows">Rows in the final training.</param>
    /// <param name="FirstBase">First base year of the rows.</param>
    /// <param name="LastTarget">Last target year of the rows.</param>
    /// <param name="Origins">The rolling origins evaluated.</param>
    /// <param name="Horizons">Per horizon: cases and each method's MAE (per 1,000).</param>
    /// <param name="Overall">Each method's MAE averaged over horizons.</param>
    /// <param name="Best">The method with the lowest overall error.</param>
    /// <param name="Default">The default migration assumption: "model" only if the model is best, else "baseline".</param>
    public sealed record Evaluation(int Seed, int Rows, int FirstBase, int LastTarget, IReadOnlyList<int> Origins, IReadOnlyList<MigrationEvaluation.HorizonMetrics> Horizons, IReadOnlyDictionary<string, double> Overall, string Best, string Default);

    public static string Serialize(Evaluation evaluation) => JsonSerializer.Serialize(evaluation, Json) + "\n";

    public static Evaluation Read(string path) =>
        JsonSerializer.Deserialize<Evaluation>(File.ReadAllText(path), Json) ?? throw new MigrationModelException($"{path}: empty evaluation.");

    /// <summary>MODEL_CARD.md: data, features, training window, metrics per horizon against the baselines, seed, command, verdict.</summary>
    public static string Write(Evaluation e, string command)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine("# Model card: net migration by age group (FastTree)");
        text.AppendLine();
        text.AppendLine("Written by `projection train`; do not edit by hand. Reproduce with:");
        text.AppendLine();
        text.AppendLine(c, $"    {command}");
        text.AppendLine();
        text.AppendLine("## What it predicts");
        text.AppendLine();
        text.AppendLine("A region's net migration rate (net migrants per 1,000 person-years, both sexes) in one of eight age groups (1-4, 5-14, 15-19, 20-24, 25-29, 30-44, 45-64, 65+; ages reached during the year) 1 to 5 years after a base year, from what is known at the base year.");
        text.AppendLine();
        text.AppendLine("## Data");
        text.AppendLine();
        text.AppendLine("SCB's county series 1968–2015 (shared/data/scb-county: population on 31 December, births, deaths by age and sex; twelve counties and Sweden). Net migration comes from the balancing equation per cohort: the change of a cohort over the year plus its deaths, with deaths by age at death shared between the two cohorts as the estimation shares them (half and half above infancy, Andreev and Kingkade's a(0) for infants; `LexisDeaths`, scb-county/SOURCES.md; `NetMigrationHistory`). Heby's move from Västmanland (19) to Uppsala (03) in the 2006 stock is left out of both counties' series, with every row that would read 2006. The county series have no gross flows; `projection train --db PATH` adds the regions of a store, their net migration counted from SCB's gross flows where fetched. The shipped model is trained on the county series alone (SCB's API cannot be reached from where it was built).");
        text.AppendLine();
        text.AppendLine(c, $"Rows: {e.Rows} (region × base year × age group × horizon), base years {e.FirstBase}–{e.LastTarget - 1}, target years to {e.LastTarget}.");
        text.AppendLine();
        text.AppendLine("## Features");
        text.AppendLine();
        text.AppendLine("Horizon (years), age group, the rate in the base year, the means of the last 5 and 10 years, the least-squares slope over the last 10, Sweden's rate in the base year and its 5-year mean, log population, the age group's share of the population, and the region's yearly growth over the last 5 years. The region's code is not a feature, so the model carries to regions it has not seen.");
        text.AppendLine();
        text.AppendLine("## Training");
        text.AppendLine();
        text.AppendLine(c, $"ML.NET 5.0.1 FastTree regression (200 trees, 16 leaves, at least 20 rows per leaf, learning rate 0.05), `new MLContext(seed: {e.Seed})`, one thread: the same data and seed give the same model and metrics (tested). The shipped model.zip is trained on every row whose target year is at most {e.LastTarget}.");
        text.AppendLine();
        text.AppendLine("## Evaluation: rolling origin");
        text.AppendLine();
        text.AppendLine(c, $"For each origin year T = {e.Origins[0]}–{e.Origins[^1]}, the model is trained on the rows whose target year is at most T and predicts the rows based at T; the baselines predict the same rows. Mean absolute error in net migrants per 1,000 person-years (lower is better):");
        text.AppendLine();
        text.AppendLine("| horizon | cases | " + string.Join(" | ", MigrationEvaluation.Methods) + " |");
        text.AppendLine("|---|---|" + string.Concat(MigrationEvaluation.Methods.Select(_ => "---|")));
        foreach (var h in e.Horizons)
        {
            text.Append(c, $"| {h.Horizon} | {h.Cases} | ").Append(string.Join(" | ", MigrationEvaluation.Methods.Select(m => Cell(h.MeanAbsoluteError, m)))).AppendLine(" |");
        }

        text.AppendLine("| **mean** | | " + string.Join(" | ", MigrationEvaluation.Methods.Select(m => Cell(e.Overall, m))) + " |");
        text.AppendLine();
        text.AppendLine("## Verdict");
        text.AppendLine();
        var model = e.Overall[MigrationEvaluation.Model];
        var bestBaseline = e.Overall.Where(p => p.Key != MigrationEvaluation.Model).MinBy(p => p.Value);
        var mean10 = e.Overall[MigrationEvaluation.MeanOf10];
        if (e.Default == "model")
        {
            text.AppendLine(c, $"The model has the lowest error ({model:0.000} against {bestBaseline.Value:0.000} for the {bestBaseline.Key}), so scenarios use it by default where a region's yearly history by age is available.");
        }
        else
        {
            var beaten = e.Horizons.Where(h => h.MeanAbsoluteError[MigrationEvaluation.Model] < h.MeanAbsoluteError[MigrationEvaluation.MeanOf10]).Select(h => h.Horizon.ToString(c)).ToList();
            var baselineLower = e.Horizons.Where(h => h.MeanAbsoluteError[bestBaseline.Key] < h.MeanAbsoluteError[MigrationEvaluation.Model]).Select(h => h.Horizon.ToString(c)).ToList();
            var where = baselineLower.Count == e.Horizons.Count ? "at every horizon" : $"at horizons {string.Join(", ", baselineLower)}";
            text.AppendLine(c, $"**The model does not win.** Its mean error, {model:0.000}, is above that of the baseline \"{bestBaseline.Key}\" ({bestBaseline.Value:0.000}), which is lower {where}. The model beats the mean of the last ten years (the engine's baseline when it was trained; twelve years since, docs/accuracy.md; {mean10:0.000} on average) at horizons {(beaten.Count > 0 ? string.Join(", ", beaten) : "none")} only, and loses to it further out, where a 30-year projection spends nearly all its years.");
            text.AppendLine();
            text.AppendLine("So the **baseline stays the default** migration assumption: the ten-year window the population backtests chose (docs/accuracy.md). A scenario can still ask for the model with `\"migrationSource\": \"model\"` (docs/scenarios.md); it is applied where a region has yearly population and deaths by age in the store, and the result's provenance says so, or says why the baseline was used instead.");
        }

        text.AppendLine();
        text.AppendLine("## Limits");
        text.AppendLine();
        text.AppendLine("Trained on counties (57,000–2.2 million people): municipalities are smaller and noisier. Net migration only; gross flows would separate domestic moves from immigration, whose national swings dominate the errors after 2005. The evaluation's targets end in 2015, before SCB's Cell Key Method tables.");
        return text.ToString();
    }

    private static string Cell(IReadOnlyDictionary<string, double> values, string method) => values[method].ToString("0.000", CultureInfo.InvariantCulture);
}
