namespace Projection.Core;

/// <summary>
/// What one <see cref="ProjectionStep"/> produced for each region, sex and age reached:
/// the flows of the year and the exposure (person-years) they were computed on. Births are
/// kept per region and sex; they enter the cohort aged 0. Buffers are allocated once and
/// overwritten by every step.
/// </summary>
public sealed class StepFlows
{
    public StepFlows(PopulationLayout layout, int regionCount)
    {
        Layout = layout;
        RegionCount = regionCount;
        var cells = regionCount * layout.CellCount;
        Deaths = new double[cells];
        DomesticIn = new double[cells];
        DomesticOut = new double[cells];
        Immigration = new double[cells];
        Emigration = new double[cells];
        Exposure = new double[cells];
        Births = new double[regionCount * 2];
        Totals = new double[regionCount * 2 * ComponentCount];
        CappedCells = new int[regionCount];
    }

    public PopulationLayout Layout { get; }

    /// <summary>
    /// False to skip writing the flows by age (deaths, migrants): their totals are kept either way,
    /// and the stores cost more than the step's arithmetic. Exposures and births are always kept.
    /// </summary>
    public bool KeepFlowsByAge { get; init; } = true;

    public int RegionCount { get; }

    public double[] Deaths { get; }

    public double[] DomesticIn { get; }

    public double[] DomesticOut { get; }

    public double[] Immigration { get; }

    public double[] Emigration { get; }

    /// <summary>Person-years lived in the cell during the year: the cohort's mean population.</summary>
    public double[] Exposure { get; }

    /// <summary>Births by region and sex of the child: index region × 2 + sex.</summary>
    public double[] Births { get; }

    /// <summary>The components of change: births, deaths and the four migrant flows.</summary>
    public const int ComponentCount = 6;

    /// <summary>
    /// Each component's sum over the ages of a region and sex (births: the newborn), whether or not
    /// the flows by age are kept: index <see cref="TotalIndex"/>.
    /// </summary>
    public double[] Totals { get; }

    /// <summary>Where <paramref name="component"/>'s total for one region and sex is in <see cref="Totals"/>.</summary>
    public static int TotalIndex(int region, Sex sex, ComponentOfChange component) => (((region * 2) + (int)sex) * ComponentCount) + (int)component;

    /// <summary>
    /// Per region, the cells whose rates summed to more than 2 exits per person-year and were
    /// scaled down to 2: beyond that the cohort would end the year below zero.
    /// </summary>
    public int[] CappedCells { get; }

    /// <summary>The count of <paramref name="component"/> in one cell (births only at age 0).</summary>
    public double Get(ComponentOfChange component, int region, Sex sex, int age)
    {
        var i = (region * Layout.CellCount) + Layout.Index(sex, age);
        return component switch
        {
            ComponentOfChange.Births => age == 0 ? Births[(region * 2) + (int)sex] : 0,
            ComponentOfChange.Deaths => Deaths[i],
            ComponentOfChange.DomesticIn => DomesticIn[i],
            ComponentOfChange.DomesticOut => DomesticOut[i],
            ComponentOfChange.Immigration => Immigration[i],
            ComponentOfChange.Emigration => Emigration[i],
            _ => throw new ArgumentOutOfRangeException(nameof(component)),
        };
    }
}
