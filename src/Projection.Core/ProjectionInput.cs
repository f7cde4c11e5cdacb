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
        errors.RequireInRange("baseYear", BaseYear, 1700, 2200);
        if (Regions is null || Regions.Count == 0)
        {
            errors.Add("regions", "at least one region is required.");
            errors.ThrowIfAny();
            return;
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        var destinationShares = 0.0;
        var anyInternal = false;
        for (var r = 0; r < Regions.Count; r++)
        {
            var region = Regions[r];
            var prefix = $"regions[{r}].";
            if (string.IsNullOrWhiteSpace(region.Code))
            {
                errors.Add(prefix + "code", "is required.");
            }
            else if (!codes.Add(region.Code))
            {
                errors.Add(prefix + "code", $"region {region.Code} appears more than once.");
            }

            errors.RequireSchedule(prefix + "basePopulation", region.BasePopulation, Layout.CellCount);
            if (region.Rates is null)
            {
                errors.Add(prefix + "rates", "is required.");
                continue;
            }

            region.Rates.Validate(Layout, prefix + "rates.", errors);
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
            else if (pattern.Any(v => !double.IsFinite(v) || v < -2 || v > 5))
            {
                errors.Add("mortalityImprovementByAge", "each value must be between −2 and 5 (times the scenario's improvement).");
            }
        }

        errors.ThrowIfAny();
    }
}
