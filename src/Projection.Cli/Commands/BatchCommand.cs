using System.ComponentModel;
using System.Globalization;
using System.Text;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary>
/// <c>projection batch FILE</c>: every run of a batch file, recorded in the store as a citable run
/// and written as CSV (one per run, plus summary.csv). Runs already in the store are not computed
/// again, so an interrupted batch resumes when started again.
/// </summary>
internal sealed class BatchCommand(Terminal terminal) : Command<BatchCommand.Settings>
{
    /// <summary>The exit code after Ctrl-C (128 + SIGINT): finished runs are kept.</summary>
    public const int Interrupted = 130;

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The batch file (docs/batches.md), e.g. models/batches/example.json.")]
        public string File { get; init; } = "";

        [CommandOption("-o|--out <DIR>")]
        [Description("Where the CSV files go; default: batches/<batch name>.")]
        public string? Out { get; init; }

        [CommandOption("--parallel <N>")]
        [Description("Runs computed at the same time (1..64); each stochastic run shares the cores among them.")]
        [DefaultValue(1)]
        public int Parallel { get; init; } = 1;

        [CommandOption("--db <PATH>")]
        [Description("The store that records the runs (and whose SCB tables are projected from when they cover the county); default: the one the service uses (PROJECTION_STORE, or the user's data folder).")]
        public string? Db { get; init; }

        [CommandOption("--seed-file|--seed <FILE>")]
        [Description("Seed data file; default: the embedded Västmanland data.")]
        public string? Seed { get; init; }

        [CommandOption("-f|--format <FORMAT>")]
        [Description("csv, or excel: each run's CSV for Swedish Excel (semicolons, decimal commas, Swedish headers, whole persons), as projection run --format excel writes it. summary.csv stays plain CSV.")]
        [DefaultValue("csv")]
        public string Format { get; init; } = "csv";

        public override ValidationResult Validate() =>
            Parallel is < 1 or > 64 ? ValidationResult.Error($"--parallel must be between 1 and 64, was {Parallel}.")
            : Format is not ("csv" or "excel") ? ValidationResult.Error($"--format must be csv or excel, not '{Format}'.")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var console = terminal.MessageConsole;
        BatchRunner runner;
        IReadOnlyList<RunSpecification> runs;
        BatchFile.Document document;
        try
        {
            document = BatchFile.Read(settings.File);
            var seedPath = settings.Seed ?? DefaultPaths.Seed;
            var seeds = SeedSet.Load(seedPath);
            var db = settings.Db ?? DefaultPaths.Store;
            var scenarios = ScenarioRegistry.Load(DefaultPaths.Scenarios, db);
            var uncertainty = UncertaintyFile.Read(DefaultPaths.Uncertainty).ToModel();
            var learned = new Projection.Migration.LearnedMigration(DefaultPaths.MigrationModel);
            var loaded = RunData.Load(new SourceStore(db).List(), seeds, scenarios, uncertainty);
            var data = loaded with { Migration = (input, source) => learned.Apply(input, source, loaded.History) };
            runs = BatchRuns.Resolve(document, data);
            runner = new BatchRunner(new RunStore(db), data);
        }
        catch (InvalidInputException e)
        {
            terminal.Messages.WriteLine($"projection batch: {settings.File}: {e.Message} Nothing was run.");
            return ExitCodes.InvalidInput;
        }
        catch (InvalidDataFileException e)
        {
            terminal.Messages.WriteLine($"projection batch: {e.Message} Nothing was run.");
            return ExitCodes.InvalidData;
        }

        var output = settings.Out ?? Path.Combine("batches", document.Name);
        Directory.CreateDirectory(output);
        foreach (var stale in Directory.EnumerateFiles(output, "*.partial"))
        {
            System.IO.File.Delete(stale);
        }

        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // Let the runs in progress stop cleanly: what finished is already stored.
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var outcomes = new BatchRunner.Outcome?[runs.Count];
        var threads = Math.Max(1, Environment.ProcessorCount / settings.Parallel);
        terminal.Messages.WriteLine($"Batch {document.Name}: {runs.Count} runs on {runner.Data.Description} (data version {runner.Data.Version}), {settings.Parallel} at a time; CSV to {output}.");
        try
        {
            console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(progress =>
                {
                    var task = progress.AddTask($"{runs.Count} runs", maxValue: runs.Count);
                    System.Threading.Tasks.Parallel.ForEach(
                        Enumerable.Range(0, runs.Count),
                        new ParallelOptions { MaxDegreeOfParallelism = settings.Parallel, CancellationToken = interrupt.Token },
                        i =>
                        {
                            // A stochastic run moves per block of trajectories, with its own time left; a deterministic one at once.
                            var runTask = progress.AddTask(runs[i].Trajectories is { } n ? $"  {runs[i].Name} ({n:N0} trajectories)" : $"  {runs[i].Name}", maxValue: runs[i].Trajectories ?? 1);
                            var outcome = runner.Run(runs[i], document.Name, threads, interrupt.Token, new TrajectoryProgress(done => runTask.Value = done));
                            runTask.Value = runTask.MaxValue;
                            runTask.StopTask();
                            WriteAtomically(Path.Combine(output, runs[i].Name + ".csv"), ProjectionCsv.Write(outcome.Run.Projections, swedishExcel: settings.Format == "excel"));
                            outcomes[i] = outcome;
                            console.MarkupLineInterpolated($"{runs[i].Name}: {(outcome.Computed ? "computed" : "already in the store")} (run {outcome.Id})");
                            task.Increment(1);
                        });
                });
        }
        catch (OperationCanceledException)
        {
            var finished = outcomes.Count(o => o is not null);
            terminal.Messages.WriteLine($"Interrupted: {finished} of {runs.Count} runs finished and are kept; run the same command again to resume.");
            return Interrupted;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        WriteAtomically(Path.Combine(output, "summary.csv"), Summary(runs, outcomes));
        var computed = outcomes.Count(o => o!.Computed);
        terminal.Messages.WriteLine($"Done: {computed} computed, {runs.Count - computed} already in the store. Summary: {Path.Combine(output, "summary.csv")}");
        return ExitCodes.Success;
    }

    /// <summary>Writes beside the target and renames over it, so that a reader never sees half a file.</summary>
    private static void WriteAtomically(string path, byte[] content)
    {
        var partial = path + "." + Guid.NewGuid().ToString("N")[..8] + ".partial";
        System.IO.File.WriteAllBytes(partial, content);
        System.IO.File.Move(partial, path, overwrite: true);
    }

    private static readonly string[] SummaryHeader = ["run", "id", "computed", "regions", "scenario", "horizon", "trajectories", "seed", "region", "endYear", "total", "totalLower95", "totalUpper95"];

    private static byte[] Summary(IReadOnlyList<RunSpecification> runs, BatchRunner.Outcome?[] outcomes)
    {
        var rows = runs.SelectMany((run, i) => outcomes[i]!.Run.Projections.Select(projection =>
        {
            var last = projection.Years[^1];
            var spread = projection.Uncertainty?.Years[^1].Total;
            return (IReadOnlyList<string>)
            [
                CsvCells.Text(run.Name),
                outcomes[i]!.Id,
                outcomes[i]!.Computed ? "true" : "false",
                CsvCells.Text(string.Join(' ', run.Regions)),
                CsvCells.Text(run.Scenario.Name),
                run.Scenario.Horizon.ToString(CultureInfo.InvariantCulture),
                run.Trajectories?.ToString(CultureInfo.InvariantCulture) ?? "",
                run.Trajectories is null ? "" : run.Seed.ToString(CultureInfo.InvariantCulture),
                projection.Region,
                last.Year.ToString(CultureInfo.InvariantCulture),
                CsvCells.Number(last.Total, CultureInfo.InvariantCulture),
                CsvCells.Number(spread?.Lower95, CultureInfo.InvariantCulture),
                CsvCells.Number(spread?.Upper95, CultureInfo.InvariantCulture),
            ];
        }));
        return CsvCells.Write(',', SummaryHeader, rows, byteOrderMark: false);
    }

    /// <summary>Reports on the thread that finished the block (Progress&lt;T&gt; would post to a context the command line has not).</summary>
    private sealed class TrajectoryProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
