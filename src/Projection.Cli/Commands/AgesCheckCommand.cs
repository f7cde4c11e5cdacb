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
internal sealed class AgesCheckCommand(Terminal terminal) : Command<AgesCheckCommand.Settings>
{
    public sealed class Settings : SharedDataSettings
    {
        [CommandOption("--bases <FIRST-LAST>")]
        [Description("Base years of the carry-forward check, every fifth year.")]
        [DefaultValue("1975-2010")]
        public string Bases { get; init; } = "1975-2010";

        [CommandOption("--years <N>")]
        [Description("How many years to carry forward (the embedded default carries 2019 to 2024: five).")]
        [DefaultValue(5)]
        public int Years { get; init; } = 5;

        [CommandOption("--county <CODE>")]
        [Description("The county whose municipalities' fertility levels are listed.")]
        [DefaultValue("19")]
        public string County { get; init; } = "19";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
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
        var adjusted = AgeStructureChecks.SizeAdjustedProfileCases(municipalities, 2019);

        var output = terminal.Output;
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
        foreach (var (method, cases) in new[] { ("scaled", scaled), ("size-adjusted", adjusted) })
        {
            foreach (var (label, low, high) in new[] { ("under 10,000", 0.0, 10_000.0), ("10,000–50,000", 10_000.0, 50_000.0), ("50,000 and more", 50_000.0, double.MaxValue), ("all", 0.0, double.MaxValue) })
            {
                var size = cases.Where(c => c.Size >= low && c.Size < high).ToList();
                Row(output, $"{method}: {label} | {size.Count}", AgeStructureChecks.MeanAbsolute(size.Select(c => c.ScaledErrors)));
            }
        }

        output.WriteLine();
        output.WriteLine("Size-adjusted: the county's structure scaled to the total, corrected by sex and five-year band for the size class (under 10,000; 10,000–50,000; 50,000 and more; the county's largest), fitted on the other counties' municipalities only (each county left out in turn).");

        FertilityLevels(output, settings.SharedData, municipalities, layout, settings.County);
        return ExitCodes.Success;
    }

    /// <summary>
    /// How different the county's municipalities' fertility is, two ways: the child–woman ratio of
    /// 2019 (what the embedded default uses) and births per woman in 2002–2003 (crude: SCB's births
    /// by mother's age, but women only as totals, so age structure is not taken out), each relative
    /// to the county and shrunk toward 1 with κ = 20 (children, births).
    /// </summary>
    private static void FertilityLevels(TextWriter output, string shared, IReadOnlyDictionary<string, ObservedStatistics> ages2019, PopulationLayout layout, string county)
    {
        var kommun = Path.Combine(shared, "scb-kommun");
        var births = CountySeriesCsv.ReadBirthsFile(Path.Combine(kommun, "births_2002_2003_by_mother_age_child_sex.csv"), layout);
        var totals = CountySeriesCsv.ReadTotalsBySex(Path.Combine(kommun, "population_31dec2001_2004_total_by_sex.csv"));
        var codes = ages2019.Keys.Where(c => c.Length == 4 && c.StartsWith(county, StringComparison.Ordinal)).ToList();
        if (codes.Count == 0)
        {
            return;
        }

        var populations = codes.Select(c => ages2019[c].Population[2019]).ToList();
        var childWoman = MunicipalBaseModel.ChildWomanLevels(layout, populations);
        double Births(string code) => births.TryGetValue(code, out var b) ? b.BirthsBySex.Where(kv => kv.Key is 2002 or 2003).Sum(kv => kv.Value.Sum()) : double.NaN;
        double WomanYears(string code) => totals.TryGetValue(code, out var t) ? (t[2001][1] / 2) + t[2002][1] + (t[2003][1] / 2) : double.NaN;
        var rate = codes.Sum(Births) / codes.Sum(WomanYears);
        output.WriteLine();
        output.WriteLine($"Fertility levels of the municipalities of {county} relative to the county (shrunk toward 1 with κ = 20): the child–woman ratio of 2019, used by the embedded default, and births per woman 2002–2003 (crude: women as totals, not by age).");
        output.WriteLine();
        output.WriteLine("| municipality | children 0–4, 2019 | child–woman level 2019 | births 2002–2003 | births-per-woman level 2002–2003 |");
        output.WriteLine("|---|---|---|---|---|");
        for (var m = 0; m < codes.Count; m++)
        {
            var code = codes[m];
            var crude = LevelFactor.Shrunk(Births(code), WomanYears(code) * rate);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {code} {ages2019[code].RegionName} | {PopulationIndicators.SumOfAges(populations[m], layout, 0, 4):0} | {childWoman[m]:0.000} | {Births(code):0} | {crude:0.000} |"));
        }
    }

    private static void Row(TextWriter output, string label, double[] errors) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {string.Join(" | ", errors.Select(e => e.ToString("0.0", CultureInfo.InvariantCulture)))} | {errors.Average():0.0} |"));
}
