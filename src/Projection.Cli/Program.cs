using Projection.Cli;
using Spectre.Console.Cli;

// The `projection` command: the verbs (CliApp), writing to the process's standard output and error.
var app = new CommandApp();
app.Configure(config => CliApp.Configure(config, Terminal.System(), args));
return await app.RunAsync(args);
