namespace Projection.Core;

/// <summary>
/// Everything a projection starts from: the layout, the base year (whose 31 December
/// population the regions carry) and the regions projected together. Regions in one input
/// exchange internal migrants through the migration pool, so a county is projected as the
/// set of its municipalities and its figures are their sum.
/// </summary>
public sealed class ProjectionInput
{
    public required PopulationLayout Layout { get; init; }

    /// <summary>The year whose 31 December population is the starting point.</summary>
    public required int BaseYear { get; init; }

    public required IReadOnlyList<Region> Regions { get; init; }

    /// <summary>
    /// The relative age pattern s(x) of mortality improvement, one value per cell (sex × age),
    /// shared by every region: a scenario's annual improvement i becomes i·s(x) at each age, as
    /// in a Lee–Carter model with the nation's b(x) (Lee and Carter 1992; Li and Lee 2005).
    /// Null: the same improvement at every age.
    /// </summary>
    public double[]? MortalityImprovementByAge { get; init; }

    /// <summary>Checks every region; throws one <see cref="InvalidInputException"/> listing all problems.</summary>
    public void Validate()
    {
        var errors = new ValidationErrors();
        CheckInto(errors);
        errors.ThrowIfAny();
    }

    /// <summary>
    /// Adds every problem to <paramref name="errors"/>. Valid input allocates nothing here: field
    /// names are joined only for an error, and the regions' prefixes are kept (<see cref="ReusableProjector"/> checks every call).
    /// </summary>
    internal void CheckInto(ValidationErrors errors)
    {
        errors.RequireInRange("baseYear", BaseYear, 1700, 2200);
        if (Regions is null || Regions.Count == 0)
        {
            errors.Add("regions", "at least one region is required.");
            return;
        }

        if (Regions.Count > PairwiseLimit)
        {
            (_codesSeen ??= []).Clear();
        }

        var destinationShares = 0.0;
        var anyInternal = false;
        for (var r = 0; r < Regions.Count; r++)
        {
            var region = Regions[r];
            var prefix = RegionPrefix(r);
            if (string.IsNullOrWhiteSpace(region.Code))
            {
                errors.Add(prefix + "code", "is required.");
            }
            else if (AppearsBefore(r))
            {
                errors.Add(prefix + "code", $"region {region.Code} appears more than once.");
            }

            errors.RequireSchedule(prefix, "basePopulation", region.BasePopulation, Layout.CellCount);
            if (region.Rates is null)
            {
                errors.Add(prefix + "rates", "is required.");
                continue;
            }

            region.Rates.Validate(Layout, RatesPrefix(r), errors);
            destinationShares += region.Rates.InternalDestinationShare;
            anyInternal |= region.Rates.InternalMigrationShare > 0;
        }

        if (anyInternal && Math.Abs(destinationShares - 1) > 1e-9)
        {
            errors.Add("regions", $"the internal destination shares must sum to 1 when regions exchange migrants, they sum to {destinationShares}.");
        }

        if (MortalityImprovementByAge is { } pattern)
        {
            if (pattern.Length != Layout.CellCount)
            {
                errors.Add("mortalityImprovementByAge", $"must have {Layout.CellCount} values (sex × age), has {pattern.Length}.");
            }
            else if (!AllWithin(pattern, -2, 5))
            {
                errors.Add("mortalityImprovementByAge", "each value must be between −2 and 5 (times the scenario's improvement).");
            }
        }
    }

    // The field prefixes of the first regions, made once: a county has tens of municipalities, the country 290.
    private const int KeptPrefixes = 512;
    private static readonly string[] RegionPrefixes = [.. Enumerable.Range(0, KeptPrefixes).Select(r => $"regions[{r}].")];
    private static readonly string[] RatesPrefixes = [.. RegionPrefixes.Select(p => p + "rates.")];

    private static string RegionPrefix(int r) => r < KeptPrefixes ? RegionPrefixes[r] : $"regions[{r}].";

    private static string RatesPrefix(int r) => r < KeptPrefixes ? RatesPrefixes[r] : $"regions[{r}].rates.";

    /// <summary>True when an earlier region has the same code: pairwise for a few regions (no set to allocate), a set for many.</summary>
    private bool AppearsBefore(int r)
    {
        if (Regions.Count <= PairwiseLimit)
        {
            for (var earlier = 0; earlier < r; earlier++)
            {
                if (string.Equals(Regions[earlier].Code, Regions[r].Code, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        // Many regions: one set of the codes seen so far, kept per thread and emptied at the start of each check.
        return !_codesSeen!.Add(Regions[r].Code);
    }

    private const int PairwiseLimit = 64;

    [ThreadStatic]
    private static HashSet<string>? _codesSeen;

    private static bool AllWithin(double[] values, double least, double greatest)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value) || value < least || value > greatest)
            {
                return false;
            }
        }

        return true;
    }
}
