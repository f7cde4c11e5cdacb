using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Projection.Cli;

/// <summary>The options of every command that reads SCB's county series: where they are, and the boundary changes to leave out.</summary>
internal class CountySeriesSettings : CommandSettings
{
    [CommandOption("--data <DIR>")]
    [Description("The county series (shared/data/scb-county): population, births and deaths by age and sex, with 00 = Sweden.")]
    public string Data { get; init; } = "";

    [CommandOption("--breaks <LIST>")]
    [Description("Boundary changes as REGION:FIRSTYEAR; those years are left out of the region's series.")]
    [DefaultValue(BoundaryBreaks.CountySeries)]
    public string Breaks { get; init; } = BoundaryBreaks.CountySeries;

    public override ValidationResult Validate() =>
        DataLocations.RequireDirectory("--data", Data, "SCB's county series (shared/data/scb-county)");
}
