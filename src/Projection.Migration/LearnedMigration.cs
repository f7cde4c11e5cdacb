using System.Globalization;
using Projection.Core;
using Projection.Estimation;

namespace Projection.Migration;

/// <summary>
/// The migration assumption a scenario asks for: the baseline (the engine's rates, from the ten
/// years to the base) or the learned model. The model is loaded once, on first use, and shared;
/// a missing or corrupt model, or regions without the yearly history the model reads, leave the
/// baseline in place and say why in a provenance warning.
/// </summary>
public sealed class LearnedMigration
{
    public const string Baseline = "baseline";
    public const string Model = "model";

    private readonly string _modelPath;
    private readonly Lazy<(MigrationModel? Model, string? Error)> _model;

    public LearnedMigration(string modelDirectory)
    {
        _modelPath = Path.Combine(modelDirectory, "model.zip");
        var evaluation = Path.Combine(modelDirectory, "evaluation.json");
        DefaultSource = File.Exists(evaluation) ? MigrationModelCard.Read(evaluation).Default : Baseline;
        _model = new Lazy<(MigrationModel?, string?)>(() =>
        {
            try
            {
                return (MigrationModel.Load(_modelPath), null);
            }
            catch (MigrationModelException e)
            {
                return (null, e.Message);
            }
        });
    }

    /// <summary>The source used when a scenario names none: what the model's evaluation chose.</summary>
    public string DefaultSource { get; }

    /// <summary>SCB's code for Sweden: the series whose rates are the model's national features, in training and in use.</summary>
    public const string Sweden = "00";

    /// <summary>
    /// The input with migration as <paramref name="requested"/> (null: <see cref="DefaultSource"/>)
    /// and a provenance note; for the baseline, the input unchanged and no note. The model shifts
    /// each region's net migration in each age group to the mean of its predictions for the next
    /// five years: more arrivals (in the pattern of the region's arrivals) where it predicts more,
    /// more departures where less. <paramref name="history"/> holds each region's yearly
    /// population and deaths by age, and Sweden's under <see cref="Sweden"/> (when absent, the model
    /// is not served: the baseline is kept, with a warning). Sweden's and no other: the model learned
    /// Sweden's rates as its national features, and a county in their place would be a stand-in it
    /// never saw in training.
    /// </summary>
    public (ProjectionInput Input, Provenance? Note) Apply(ProjectionInput input, string? requested, IReadOnlyDictionary<string, ObservedStatistics>? history)
    {
        ArgumentNullException.ThrowIfNull(input);
        if ((requested ?? DefaultSource) != Model)
        {
            return (input, null);
        }

        var (model, error) = _model.Value;
        if (model is null)
        {
            return (input, Warn($"{error} The baseline migration (the base rates) is used."));
        }

        var missing = input.Regions.Where(r => history is null || !history.ContainsKey(r.Code)).Select(r => r.Code).ToList();
        if (missing.Count > 0)
        {
            return (input, Warn($"the migration model needs yearly population and deaths by age for each region, and there are none for {string.Join(", ", missing)} (the embedded default has none; fetch SCB's tables into the store). The baseline migration is used."));
        }

        // The model learned Sweden's net migration by age as its national features; a stand-in (the
        // county, the sum of the regions) would feed it features it never saw in training.
        if (!history!.ContainsKey(Sweden))
        {
            return (input, Warn($"the migration model reads Sweden's yearly population and deaths by age (region {Sweden}) as its national features, as in training, and there are none here; `projection fetch` brings them with the county's. The baseline migration is used."));
        }

        var series = new Dictionary<string, ObservedStatistics>(history, StringComparer.Ordinal);

        var rates = MigrationDataset.Rates(series, []);
        var rows = MigrationDataset.Examples(series, rates, Sweden, year => year == input.BaseYear, requireTarget: false)
            .Where(r => input.Regions.Any(region => region.Code == r.Region))
            .ToList();
        var predicted = model.Predict(rows);
        var shortOf = input.Regions.Where(r => rows.Count(row => row.Region == r.Code) != NetMigrationHistory.Groups.Count * MigrationDataset.MaxHorizon).Select(r => r.Code).ToList();
        if (shortOf.Count > 0)
        {
            return (input, Warn($"the migration model reads the ten years to the base year {input.BaseYear}, which {string.Join(", ", shortOf)} lack. The baseline migration is used."));
        }

        var adjusted = input.Regions.Select(region =>
        {
            var shift = new double[NetMigrationHistory.Groups.Count];
            for (var g = 0; g < shift.Length; g++)
            {
                var group = Enumerable.Range(0, rows.Count).Where(i => rows[i].Region == region.Code && (int)rows[i].AgeGroup == g).ToList();
                shift[g] = group.Average(i => predicted[i] - rows[i].Mean10) / 1000;
            }

            return region with { Rates = Shifted(region, shift, input.Layout) };
        }).ToList();
        var note = new Provenance(
            Provenance.Modeled,
            $"migration model {Path.GetFileName(Path.GetDirectoryName(_modelPath))}/model.zip (ML.NET FastTree; MODEL_CARD.md)",
            "net migration by age group shifted from the ten-year mean to the model's mean prediction for the next five years",
            input.BaseYear.ToString(CultureInfo.InvariantCulture));
        return (new ProjectionInput { Layout = input.Layout, BaseYear = input.BaseYear, Regions = adjusted }, note);
    }

    /// <summary>The region's rates with <paramref name="shift"/> (net migrants per person-year, by group) added to its net migration at base-year size.</summary>
    public static RegionRates Shifted(Region region, double[] shift, PopulationLayout layout)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(shift);
        var rates = region.Rates;
        var domesticIn = (double[])rates.DomesticInMigration.Clone();
        var immigration = (double[])rates.Immigration.Clone();
        var domesticOut = (double[])rates.DomesticOutMigration.Clone();
        var emigration = (double[])rates.Emigration.Clone();
        for (var g = 0; g < shift.Length; g++)
        {
            var group = NetMigrationHistory.Groups[g];
            var cells = new[] { Sex.Male, Sex.Female }.SelectMany(sex => Enumerable.Range(group.FromAge, group.LastAge(layout) - group.FromAge + 1).Select(age => layout.Index(sex, age))).ToList();
            var persons = shift[g] * cells.Sum(c => region.BasePopulation[c]);
            var arrivals = cells.Sum(c => domesticIn[c] + immigration[c]);
            var departures = cells.Sum(c => (domesticOut[c] + emigration[c]) * region.BasePopulation[c]);
            // More arrivals or more departures; where a group has none of the one (a net residual
            // enters a cell as one or the other), fewer of the other, never below none.
            var viaArrivals = persons >= 0 ? arrivals > 0 : departures <= 0;
            if (viaArrivals && arrivals > 0)
            {
                var factor = Math.Max(0, 1 + (persons / arrivals));
                cells.ForEach(c => { domesticIn[c] *= factor; immigration[c] *= factor; });
            }
            else if (!viaArrivals && departures > 0)
            {
                var factor = Math.Max(0, 1 - (persons / departures));
                cells.ForEach(c => { domesticOut[c] *= factor; emigration[c] *= factor; });
            }
        }

        return rates.WithMigration(domesticOut, emigration, domesticIn, immigration);
    }

    private static Provenance Warn(string message) => new(Provenance.Warning, "migration model", message);
}
