namespace Projection.Core;

/// <summary>
/// The demographic balancing equation of one step, per region, sex and age reached:
/// P(t+1, a) = P(t, a − 1) [+ P(t, ω) for the open group] + births [a = 0] − deaths
/// + domestic in − domestic out + immigration − emigration.
/// </summary>
public static class BalancingIdentity
{
    /// <summary>The identity's residual for one cell: end population minus what the components account for.</summary>
    public static double Residual(
        PopulationLayout layout,
        ReadOnlySpan<double> start,
        ReadOnlySpan<double> end,
        StepFlows components,
        int region,
        Sex sex,
        int age)
    {
        var block = region * layout.CellCount;
        var sexBlock = block + layout.SexOffset(sex);
        var cohortStart = age == 0 ? 0 : start[sexBlock + age - 1];
        if (age == layout.OldestAge)
        {
            cohortStart += start[sexBlock + age];
        }

        var accounted = cohortStart
            + components.Get(ComponentOfChange.Births, region, sex, age)
            - components.Get(ComponentOfChange.Deaths, region, sex, age)
            + components.Get(ComponentOfChange.DomesticIn, region, sex, age)
            - components.Get(ComponentOfChange.DomesticOut, region, sex, age)
            + components.Get(ComponentOfChange.Immigration, region, sex, age)
            - components.Get(ComponentOfChange.Emigration, region, sex, age);
        return end[sexBlock + age] - accounted;
    }

    /// <summary>The largest absolute residual over every region, sex and age.</summary>
    public static double MaxAbsoluteResidual(PopulationLayout layout, ReadOnlySpan<double> start, ReadOnlySpan<double> end, StepFlows components)
    {
        var worst = 0.0;
        for (var r = 0; r < components.RegionCount; r++)
        {
            for (var s = 0; s < 2; s++)
            {
                for (var age = 0; age <= layout.OldestAge; age++)
                {
                    worst = Math.Max(worst, Math.Abs(Residual(layout, start, end, components, r, (Sex)s, age)));
                }
            }
        }

        return worst;
    }
}
