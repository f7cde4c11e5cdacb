using System.ComponentModel;
using System.Globalization;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Migration;
using Projection.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary><c>projection train</c>: trains the migration model on SCB's county series, evaluates it by rolling origin against the baselines, and writes model.zip, evaluation.json and MODEL_CARD.md.</summary>
internal sealed class TrainCommand(Terminal terminal) : Command<TrainCommand.Settings>
{
    public sealed class Settings : CountySeriesSettings
    {
        [CommandOption("-o|--out <DIR>")]
        [DefaultValue("models/migration")]
        public string Out { get; init; } = "models/migration";

        [CommandOption("--random-seed|--seed <N>")]
        [DefaultValue(MigrationModel.DefaultSeed)]
        public int Seed { get; init; } = MigrationModel.DefaultSeed;

        [CommandOption("--db <PATH>")]
        [Description("Also learn from the regions in this store (SCB tables fetched or imported; their gross migration flows where present).")]
        public string? Db { get; init; }

        [CommandOption("--origins <FIRST-LAST>")]
        [DefaultValue("1995-2010")]
        public string Origins { get; init; } = "1995-2010";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var origins = YearRange.Parse(settings.Origins, "--origins");

        var data = new Dictionary<string, Projection.Estimation.ObservedStatistics>(CountySeriesCsv.ReadDirectory(settings.Data, PopulationLayout.Default), StringComparer.Ordinal);
        if (settings.Db is { } db)
        {
            DataLocations.RequireStore("--db", db);

            // Regions the county series already hold (a county fetched again) keep the longer series.
            foreach (var (code, observed) in StoredStatistics.ToObserved(new SourceStore(db).List(), PopulationLayout.Default))
            {
                data.TryAdd(code, observed);
            }
        }

        var breaks = BoundaryBreaks.Parse(settings.Breaks).Select(b => (b.Region, b.FirstYear)).ToList();
        var rows = MigrationDataset.Examples(data, MigrationDataset.Rates(data, breaks), "00");
        var console = terminal.MessageConsole;
        terminal.Messages.WriteLine($"{rows.Count} rows; evaluating by rolling origin {origins[0]}–{origins[^1]} …");
        var result = MigrationEvaluation.Run(rows, origins, settings.Seed);
        var model = MigrationModel.Train(rows, settings.Seed);
        Directory.CreateDirectory(settings.Out);
        model.Save(Path.Combine(settings.Out, "model.zip"));
        var evaluation = new MigrationModelCard.Evaluation(
            settings.Seed,
            rows.Count,
            rows.Min(r => r.BaseYear),
            rows.Max(r => r.BaseYear + (int)r.Horizon),
            result.Origins,
            result.Horizons,
            result.Overall,
            result.Best,
            result.Best == MigrationEvaluation.Model ? "model" : "baseline");
        File.WriteAllText(Path.Combine(settings.Out, "evaluation.json"), MigrationModelCard.Serialize(evaluation));
        var command = $"dotnet run --project src/Projection.Cli -- train --data shared/data/scb-county --out {settings.Out} --seed {settings.Seed} --origins {settings.Origins}{(settings.Db is null ? "" : " --db " + settings.Db)}";
        File.WriteAllText(Path.Combine(settings.Out, "MODEL_CARD.md"), MigrationModelCard.Write(evaluation, command));
        var table = new Table().Border(TableBorder.Simple).AddColumn("horizon");
        foreach (var method in MigrationEvaluation.Methods)
        {
            table.AddColumn(method);
        }

        foreach (var h in result.Horizons)
        {
            table.AddRow([h.Horizon.ToString(CultureInfo.InvariantCulture), .. MigrationEvaluation.Methods.Select(m => h.MeanAbsoluteError[m].ToString("0.000", CultureInfo.InvariantCulture))]);
        }

        console.Write(table);
        terminal.Messages.WriteLine($"Best: {result.Best}; default migration assumption: {evaluation.Default}. Wrote {settings.Out}/model.zip, evaluation.json, MODEL_CARD.md.");
        return ExitCodes.Success;
    }
}
