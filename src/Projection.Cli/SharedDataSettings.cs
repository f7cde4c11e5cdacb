using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Projection.Cli;

/// <summary>The option of every command that reads the project's shared SCB extracts (scb/, scb-county/, scb-kommun/).</summary>
internal class SharedDataSettings : CommandSettings
{
    [CommandOption("--shared-data <DIR>")]
    [Description("Directory holding scb/, scb-county/ and scb-kommun/ (the project's shared data).")]
    public string SharedData { get; init; } = "";

    public override ValidationResult Validate() =>
        DataLocations.RequireDirectory("--shared-data", SharedData, "the project's shared data (scb/, scb-county/, scb-kommun/)");
}
