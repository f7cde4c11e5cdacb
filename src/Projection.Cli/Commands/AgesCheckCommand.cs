using System.ComponentModel;
using System.Globalization;
using Projection.Core;
using Projection.Estimation;
using Projection.Files;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Projection.Cli.Commands;

/// <summary>
/// <c>projection ages-check</c>: how well the service's starting populations by age match real
/// ones where they are known — the carry-forward on the county series, and the county profile
/// scaled to a municipality's total on all 290 municipalities in 2019 (docs/accuracy.md). Markdown to stdout.
/// </summary>
internal sealed class AgesCheckCommand : Command<AgesCheckCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--shared-data <DIR>")]
        [Description("Directory holding scb-county/ and scb-kommun/ (the project's shared data).")]
        public string SharedData { get; init; } = "";

        [CommandOption("--bases <FIRST-LAST>")]
        [Description("Base years of the carry-forward check, every fifth year.")]
        [DefaultValue("1975-2010")]
        public string Bases { get; init; } = "1975-2010";

        [CommandOption("--years <N>")]
        [Description("How many years to carry forward (the embedded default carries 2019 to 2024: five).")]
        [DefaultValue(5)]
        public int Years { get; init; } = 5;

        public override ValidationResult Validate() =>
            Directory.Exists(SharedData)
                ? ValidationResult.Success()
                : ValidationResult.Error($"--shared-data: directory '{SharedData}' not found.");
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var layout = PopulationLayout.Default;
            var range = YearRange.Parse(settings.Bases, "--bases");
            var bases = range.Where(y => (y - range[0]) % 5 == 0).ToList();
            var counties = CountySeriesCsv.ReadDirectory(Path.Combine(settings.SharedData, "scb-county"), layout);
            var breaks = BoundaryBreaks.Parse(BoundaryBreaks.CountySeries);
            bool Crosses(string region, int from, int to) => breaks.Any(b => b.Region == region && from < b.FirstYear && to >= b.FirstYear);
            var carried = AgeStructureChecks.CarryForwardCases(counties, bases, settings.Years, Crosses);
            var carriedByChildren = AgeStructureChecks.CarryForwardCases(counties, bases, settings.Years, Crosses, fertilityFromChildWomanRatio: true);
            var municipalities = CountySeriesCsv.ReadPopulation(Path.Combine(settings.SharedData, "scb-kommun", "population_31dec2019_by_age_sex.csv"), layout);
            var scaled = AgeStructureChecks.ProfileScalingCases(municipalities, 2019);

            var output = Console.Out;
            var groups = AgeGroupings.Planning.Select(g => g.Name).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Carry-forward check: {carried.Count} cases ({carried.Select(c => c.Region).Distinct().Count()} counties × bases {string.Join(", ", bases)}, {settings.Years} years; spans across a boundary change left out). Mean absolute error by planning group, % of the real count."));
            output.WriteLine();
            output.WriteLine($"| method | {string.Join(" | ", groups)} | mean |");
            output.WriteLine($"|---|{string.Concat(groups.Select(_ => "---|"))}---|");
            Row(output, "real ages of T carried forward under published totals; fertility level from births T−4..T", AgeStructureChecks.MeanAbsolute(carried.Select(c => c.CarriedErrors)));
            Row(output, "the same, fertility level from the child–woman ratio at T (as the embedded default)", AgeStructureChecks.MeanAbsolute(carriedByChildren.Select(c => c.CarriedErrors)));
            Row(output, "the nation's real profile of the target year scaled to the county's total", AgeStructureChecks.MeanAbsolute(carried.Select(c => c.ScaledErrors)));
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Profile scaling on all municipalities, 31 December 2019: the county's structure scaled to each municipality's total ({scaled.Count} municipalities). Mean absolute error by planning group, % of the real count."));
            output.WriteLine();
            output.WriteLine($"| municipalities | n | {string.Join(" | ", groups)} | mean |");
            output.WriteLine($"|---|---|{string.Concat(groups.Select(_ => "---|"))}---|");
            foreach (var (label, low, high) in new[] { ("under 10,000", 0.0, 10_000.0), ("10,000–50,000", 10_000.0, 50_000.0), ("50,000 and more", 50_000.0, double.MaxValue), ("all", 0.0, double.MaxValue) })
            {
                var size = scaled.Where(c => c.Size >= low && c.Size < high).ToList();
                Row(output, $"{label} | {size.Count}", AgeStructureChecks.MeanAbsolute(size.Select(c => c.ScaledErrors)));
            }

            return ExitCodes.Success;
        }
        catch (Exception e) when (e is InvalidInputException or FormatException)
        {
            Console.Error.WriteLine($"projection ages-check: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (InvalidDataFileException e)
        {
            Console.Error.WriteLine($"projection ages-check: {e.Message}");
            return ExitCodes.InvalidData;
        }
    }

    private static void Row(TextWriter output, string label, double[] errors) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {string.Join(" | ", errors.Select(e => e.ToString("0.0", CultureInfo.InvariantCulture)))} | {errors.Average():0.0} |"));
}
