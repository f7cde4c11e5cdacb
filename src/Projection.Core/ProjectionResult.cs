namespace Projection.Core;

/// <summary>
/// A projection's output: populations on 31 December of the base year and each projected
/// year, the components of change of each projected year by region and sex (and, when kept,
/// by age), and the cells whose exits were capped.
/// </summary>
public sealed class ProjectionResult
{
    private const int ComponentCount = StepFlows.ComponentCount;

    internal ProjectionResult(PopulationLayout layout, int baseYear, IReadOnlyList<Region> regions, Scenario scenario, bool keepComponentsByAge)
    {
        Layout = layout;
        BaseYear = baseYear;
        Scenario = scenario;
        var codes = new string[regions.Count];
        var names = new string[regions.Count];
        for (var r = 0; r < regions.Count; r++)
        {
            codes[r] = regions[r].Code;
            names[r] = regions[r].Name;
        }

        RegionCodes = codes;
        RegionNames = names;
        Horizon = scenario.Horizon;
        var block = regions.Count * layout.CellCount;
        Populations = new double[(Horizon + 1) * block];
        ComponentTotals = new double[Horizon * regions.Count * 2 * ComponentCount];
        ComponentsByAge = keepComponentsByAge ? new double[Horizon * ComponentCount * block] : null;
        CappedCells = new int[Horizon * regions.Count];
    }

    public PopulationLayout Layout { get; }

    public int BaseYear { get; private set; }

    public Scenario Scenario { get; private set; }

    /// <summary>Years projected after the base year.</summary>
    public int Horizon { get; }

    public IReadOnlyList<string> RegionCodes { get; private set; }

    public IReadOnlyList<string> RegionNames { get; private set; }

    public int RegionCount => RegionCodes.Count;

    /// <summary>The last projected year.</summary>
    public int EndYear => BaseYear + Horizon;

    /// <summary>All populations: year index (0 = base) × region × cell.</summary>
    internal double[] Populations { get; }

    /// <summary>(year index − 1) × region × sex × component.</summary>
    internal double[] ComponentTotals { get; }

    /// <summary>(year index − 1) × component × region × cell, or null when not kept.</summary>
    internal double[]? ComponentsByAge { get; }

    /// <summary>Capped cells per (year index − 1) × region.</summary>
    internal int[] CappedCells { get; }

    /// <summary>True when the components were kept by age (see <see cref="ComponentByAge"/>).</summary>
    public bool HasComponentsByAge => ComponentsByAge is not null;

    /// <summary>The index of the region with SCB code <paramref name="code"/>, or −1.</summary>
    public int RegionIndex(string code)
    {
        for (var r = 0; r < RegionCodes.Count; r++)
        {
            if (string.Equals(RegionCodes[r], code, StringComparison.Ordinal))
            {
                return r;
            }
        }

        return -1;
    }

    /// <summary>The population of one region on 31 December of base year + <paramref name="yearIndex"/>.</summary>
    public ReadOnlySpan<double> Population(int yearIndex, int region)
    {
        CheckYearIndex(yearIndex, 0);
        var block = RegionCount * Layout.CellCount;
        return Populations.AsSpan((yearIndex * block) + (region * Layout.CellCount), Layout.CellCount);
    }

    /// <summary>All regions' populations for one year, region-major.</summary>
    public ReadOnlySpan<double> PopulationOfAllRegions(int yearIndex)
    {
        CheckYearIndex(yearIndex, 0);
        var block = RegionCount * Layout.CellCount;
        return Populations.AsSpan(yearIndex * block, block);
    }

    /// <summary>Adds the populations of every region for one year into <paramref name="destination"/> (one region's cells).</summary>
    public void SumOfRegions(int yearIndex, Span<double> destination)
    {
        destination.Clear();
        for (var r = 0; r < RegionCount; r++)
        {
            var population = Population(yearIndex, r);
            for (var c = 0; c < population.Length; c++)
            {
                destination[c] += population[c];
            }
        }
    }

    /// <summary>A component's total in projection year base + <paramref name="yearIndex"/> (≥ 1) for one region and sex.</summary>
    public double Component(int yearIndex, int region, Sex sex, ComponentOfChange component)
    {
        CheckYearIndex(yearIndex, 1);
        return ComponentTotals[(((((yearIndex - 1) * RegionCount) + region) * 2) + (int)sex) * ComponentCount + (int)component];
    }

    /// <summary>A component's count in one cell of projection year base + <paramref name="yearIndex"/> (≥ 1).</summary>
    public double ComponentByAge(int yearIndex, int region, ComponentOfChange component, Sex sex, int age)
    {
        CheckYearIndex(yearIndex, 1);
        if (ComponentsByAge is null)
        {
            throw new InvalidOperationException("This projection did not keep its components by age.");
        }

        var block = RegionCount * Layout.CellCount;
        return ComponentsByAge[((((yearIndex - 1) * ComponentCount) + (int)component) * block) + (region * Layout.CellCount) + Layout.Index(sex, age)];
    }

    /// <summary>Cells of one region whose exit rates were capped in projection year base + <paramref name="yearIndex"/>.</summary>
    public int CappedCellCount(int yearIndex, int region)
    {
        CheckYearIndex(yearIndex, 1);
        return CappedCells[((yearIndex - 1) * RegionCount) + region];
    }

    /// <summary>True when this result's buffers fit a projection of <paramref name="input"/> under <paramref name="scenario"/>.</summary>
    internal bool Fits(ProjectionInput input, Scenario scenario, bool keepComponentsByAge) =>
        input.Layout.CellCount == Layout.CellCount && input.Regions.Count == RegionCount && scenario.Horizon == Horizon && keepComponentsByAge == HasComponentsByAge;

    /// <summary>Makes this result the one of <paramref name="input"/> under <paramref name="scenario"/> (its buffers fit, <see cref="Fits"/>); every number is overwritten by the projection.</summary>
    internal void Reuse(ProjectionInput input, Scenario scenario)
    {
        BaseYear = input.BaseYear;
        Scenario = scenario;
        var regions = input.Regions;
        var same = true;
        for (var r = 0; r < regions.Count && same; r++)
        {
            same = ReferenceEquals(regions[r].Code, RegionCodes[r]) && ReferenceEquals(regions[r].Name, RegionNames[r]);
        }

        if (!same)
        {
            RegionCodes = regions.Select(r => r.Code).ToArray();
            RegionNames = regions.Select(r => r.Name).ToArray();
        }
    }

    internal void Record(int yearIndex, StepFlows components)
    {
        var block = RegionCount * Layout.CellCount;
        components.CappedCells.AsSpan().CopyTo(CappedCells.AsSpan((yearIndex - 1) * RegionCount, RegionCount));

        // The step's totals are laid out as this year's slice of ComponentTotals: region, sex, component.
        components.Totals.AsSpan().CopyTo(ComponentTotals.AsSpan((yearIndex - 1) * RegionCount * 2 * ComponentCount, RegionCount * 2 * ComponentCount));

        if (ComponentsByAge is null)
        {
            return;
        }

        var baseOffset = (yearIndex - 1) * ComponentCount * block;
        var births = ComponentsByAge.AsSpan(baseOffset + ((int)ComponentOfChange.Births * block), block);
        births.Clear();
        for (var r = 0; r < RegionCount; r++)
        {
            births[(r * Layout.CellCount) + Layout.Index(Sex.Male, 0)] = components.Births[(r * 2) + (int)Sex.Male];
            births[(r * Layout.CellCount) + Layout.Index(Sex.Female, 0)] = components.Births[(r * 2) + (int)Sex.Female];
        }

        components.Deaths.AsSpan().CopyTo(ComponentsByAge.AsSpan(baseOffset + ((int)ComponentOfChange.Deaths * block), block));
        components.DomesticIn.AsSpan().CopyTo(ComponentsByAge.AsSpan(baseOffset + ((int)ComponentOfChange.DomesticIn * block), block));
        components.DomesticOut.AsSpan().CopyTo(ComponentsByAge.AsSpan(baseOffset + ((int)ComponentOfChange.DomesticOut * block), block));
        components.Immigration.AsSpan().CopyTo(ComponentsByAge.AsSpan(baseOffset + ((int)ComponentOfChange.Immigration * block), block));
        components.Emigration.AsSpan().CopyTo(ComponentsByAge.AsSpan(baseOffset + ((int)ComponentOfChange.Emigration * block), block));
    }

    private void CheckYearIndex(int yearIndex, int first)
    {
        if (yearIndex < first || yearIndex > Horizon)
        {
            throw new ArgumentOutOfRangeException(nameof(yearIndex), yearIndex, $"Year index must be between {first} and {Horizon}.");
        }
    }
}
