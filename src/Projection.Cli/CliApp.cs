using Projection.Cli.Commands;
using Spectre.Console.Cli;

namespace Projection.Cli;

/// <summary>The `projection` command's verbs, one class each, and how errors become messages and exit codes.</summary>
public static class CliApp
{
    /// <summary>Configures the verbs and the error handling on <paramref name="config"/>; every command writes to <paramref name="terminal"/>.</summary>
    public static void Configure(IConfigurator config, Terminal terminal, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.SetApplicationName("projection");
        config.SetApplicationVersion(Projection.Application.ProductVersion.Current);
        config.Settings.Registrar.RegisterInstance(terminal);

        WarnOfOldNames(args, terminal);

        // A misspelt option is an error, not silently ignored (--regoin 1980 would project the default region).
        config.UseStrictParsing();

        // Errors become messages and exit codes in one place (CommandErrors), for every command.
        config.SetExceptionHandler((exception, _) => CommandErrors.Report(exception, args, terminal));
        config.AddCommand<RunCommand>("run").WithDescription("Project a region (a county is projected as its municipalities) and print the result.");
        config.AddCommand<BatchCommand>("batch").WithDescription("Run every scenario of a batch file, record each run in the store and write CSV; resumes where it stopped.");
        config.AddCommand<WorkerCommand>("worker").WithDescription("Work through the batches queued in a store, sharing the queue with other workers and service instances.");
        config.AddCommand<BacktestCommand>("backtest").WithDescription("Project from past base years and compare with what happened, next to naive baselines.");
        config.AddCommand<FetchCommand>("fetch").WithDescription("Fetch source statistics from SCB into the store.");
        config.AddCommand<ImportCommand>("import").WithDescription("Load json-stat2 or CSV files downloaded from SCB into the store.");
        config.AddCommand<AgesCheckCommand>("ages-check").WithDescription("Check the starting populations by age against real ones: the carry-forward and the county profile scaled.");
        config.AddCommand<CalibrateCommand>("calibrate").WithDescription("Check how often the stochastic intervals held what happened, on SCB's county series.");
        config.AddCommand<UncertaintyCommand>("uncertainty").WithDescription("Estimate the uncertainty model of stochastic projections from SCB's county series.");
        config.AddCommand<TrainCommand>("train").WithDescription("Train and evaluate the migration model (ML.NET) and write its model card.");
        config.AddBranch("scenario", scenario =>
        {
            scenario.SetDescription("Scenarios saved in the store, where the service and batches find them by name.");
            scenario.AddCommand<ScenarioImportCommand>("import").WithDescription("Save a scenario file in the store, where the service and batches find it by name.");
        });
        config.AddBranch("keys", keys =>
        {
            keys.SetDescription("API keys for the service's writes (saving scenarios, batches).");
            keys.AddCommand<KeysCreateCommand>("create").WithDescription("Issue a key; it is printed once.");
            keys.AddCommand<KeysListCommand>("list").WithDescription("The issued keys, without their secrets.");
            keys.AddCommand<KeysRevokeCommand>("revoke").WithDescription("Revoke a key by its id.");
        });
        config.AddCommand<SeedCommand>("seed").WithDescription("Regenerate the embedded default data from SCB extracts.");
    }

    /// <summary>
    /// "--seed" named the data file of run, batch and worker, and the random seed of train; the data
    /// file is now --seed-file and the random seed --random-seed. The old name still works, and says so.
    /// </summary>
    private static void WarnOfOldNames(IReadOnlyList<string> args, Terminal terminal)
    {
        if (args.Count > 0 && args[0] is "run" or "batch" or "worker" && args.Contains("--seed"))
        {
            terminal.Messages.WriteLine($"projection {args[0]}: --seed is the old name of --seed-file (the data file); it still works, but use --seed-file (the trajectories' seed is --random-seed).");
        }
    }
}
