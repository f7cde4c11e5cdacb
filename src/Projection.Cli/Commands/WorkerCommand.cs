using System.ComponentModel;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary>
/// <c>projection worker</c>: works through the batches queued in a store (by the service's
/// <c>POST /api/v1/batches</c>), sharing the queue with every other worker and service instance on
/// that store — on PostgreSQL, any number of machines. Each job is claimed with a lease; a worker
/// that dies loses it and another finishes the job; each run is stored once.
/// </summary>
internal sealed class WorkerCommand(Terminal terminal) : AsyncCommand<WorkerCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--db|--store <STORE>")]
        [Description("The store whose queue to work: an SQLite file or a PostgreSQL connection string (Host=…;Database=…); default: the shared store (PROJECTION_STORE or the user's data folder).")]
        public string? Db { get; init; }

        [CommandOption("--once")]
        [Description("Stop when the queue is empty, instead of waiting for more.")]
        public bool Once { get; init; }

        [CommandOption("--lease <SECONDS>")]
        [Description("How long a claimed run is this worker's without renewal (renewed every third of it); if the worker dies, another takes the run after this. Default 120.")]
        [DefaultValue(120)]
        public int LeaseSeconds { get; init; } = 120;

        public override Spectre.Console.ValidationResult Validate() =>
            LeaseSeconds is < 3 or > 86_400 ? Spectre.Console.ValidationResult.Error($"--lease must be between 3 and 86400 seconds, was {LeaseSeconds}.") : Spectre.Console.ValidationResult.Success();

        [CommandOption("--seed-file|--seed <FILE>")]
        [Description("Seed data file; default: the embedded Västmanland data.")]
        public string? Seed { get; init; }
    }

    /// <summary>How often an empty queue is looked at again.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var db = settings.Db ?? DefaultPaths.Store;
        var seedPath = settings.Seed ?? DefaultPaths.Seed;
        BatchJobWork work;
        Func<RunData> data;
        try
        {
            var seeds = SeedSet.Load(seedPath);
            var uncertainty = UncertaintyFile.Read(DefaultPaths.Uncertainty).ToModel();
            var learned = new Projection.Migration.LearnedMigration(DefaultPaths.MigrationModel);
            var sources = new SourceStore(db);
            work = new BatchJobWork(new BatchJobStore(db), new RunStore(db), TimeProvider.System, BatchJobWork.NewWorkerName(), TimeSpan.FromSeconds(settings.LeaseSeconds));

            // Read for every job: scenarios saved and tables fetched since the worker started count.
            data = () =>
            {
                var loaded = RunData.Load(sources.List(), seeds, ScenarioRegistry.Load(DefaultPaths.Scenarios, db), uncertainty);
                return loaded with { Migration = (input, source) => learned.Apply(input, source, loaded.History) };
            };
            terminal.Messages.WriteLine($"Worker {work.Worker} on {sources.Describe()}: {(settings.Once ? "until the queue is empty" : "waiting for batches; Ctrl-C stops")}.");
        }
        catch (Exception e) when (e is InvalidDataFileException or StoreUnavailableException)
        {
            terminal.Messages.WriteLine($"projection worker: {e.Message}");
            return ExitCodes.InvalidData;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // Give the job back cleanly: what finished is stored, and another worker resumes it at once.
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;

        // A container runtime stops a worker with SIGTERM: treated as Ctrl-C, so that the run in hand is given back at once.
        using var onTerminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        try
        {
            var report = new Report(terminal);
            while (!stop.IsCancellationRequested)
            {
                bool worked;
                try
                {
                    worked = await work.WorkAsync(data, report, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }

                if (!worked)
                {
                    if (settings.Once)
                    {
                        terminal.Messages.WriteLine("The queue is empty.");
                        return ExitCodes.Success;
                    }

                    await Task.Delay(PollInterval, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }

            terminal.Messages.WriteLine("Stopped; the run in hand was given back to the queue.");
            return BatchCommand.Interrupted;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private sealed class Report(Terminal terminal) : BatchJobWork.IReport
    {
        public void RunStored(BatchJob job, string run, string runId) => terminal.Messages.WriteLine($"Batch {job.Name}: run {run} stored ({runId}).");

        public void JobEnded(BatchJob job, string state, string? reason) => terminal.Messages.WriteLine($"Batch {job.Name}: {state}.{(reason is null ? "" : " " + reason)}");

        public void JobFailed(BatchJob job, Exception exception) => terminal.Messages.WriteLine($"Batch {job.Name}: internal error: {exception}");
    }
}
