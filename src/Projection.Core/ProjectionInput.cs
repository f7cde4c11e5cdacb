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
    /// Adds every problem to <paramref name="errors"/>. Valid input of up to 64 regions allocates nothing
    /// here: field names are joined only for an error (<see cref="ReusableProjector"/> checks every call).
    /// </summary>
    internal void CheckInto(ValidationErrors errors)
    {
        errors.RequireInRange("baseYear", BaseYear, 1700, 2200);
        if (Regions is null || Regions.Count == 0)
        {
            errors.Add("regions", "at least one region is required.");
            return;
        }

        // A few regions (every county has under 64 municipalities) are compared pairwise, allocating nothing; more go through a set.
        var codes = Regions.Count > FewRegions ? new HashSet<string>(StringComparer.Ordinal) : null;
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
            else if (codes is null ? AppearsBefore(r) : !codes.Add(region.Code))
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

    // Up to this many regions, checking valid input allocates nothing: field prefixes are kept and codes compared pairwise.
    private const int FewRegions = 64;
    private static readonly string[] RegionPrefixes = [.. Enumerable.Range(0, FewRegions).Select(r => $"regions[{r}].")];
    private static readonly string[] RatesPrefixes = [.. RegionPrefixes.Select(p => p + "rates.")];

    private static string RegionPrefix(int r) => r < FewRegions ? RegionPrefixes[r] : $"regions[{r}].";

    private static string RatesPrefix(int r) => r < FewRegions ? RatesPrefixes[r] : $"regions[{r}].rates.";

    /// <summary>True when an earlier region has the same code.</summary>
    private bool AppearsBefore(int r)
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
