namespace Projection.Core.Tests;

public class ProjectionStepTests
{
    private const double Tolerance = 1e-9;

    // A toy population with ages 0, 1 and 2+ (ω = 2).
    private static readonly PopulationLayout Toy = new(2);

    [Test]
    public void A_three_age_toy_population_advances_as_computed_by_hand()
    {
        // Women [100, 200, 50], men [90, 180, 40]; m = [0.1, 0.02, 0.2]; f(1) = 0.5; one boy per girl.
        var rates = new RatesBuilder(Toy)
            .Mortality(Sex.Female, 0, 0.1).Mortality(Sex.Female, 1, 0.02).Mortality(Sex.Female, 2, 0.2)
            .Mortality(Sex.Male, 0, 0.1).Mortality(Sex.Male, 1, 0.02).Mortality(Sex.Male, 2, 0.2)
            .Fertility(1, 0.5).SexRatio(1.0).Build();
        var step = new StepRunner(Toy, [RatesBuilder.Population(Toy, [90, 180, 40], [100, 200, 50])], [rates]);

        // Women reaching 1: S = 100, E = S / (1 + m/2) = 100 / 1.01 = 99.00990; end = S − m·E = 9900/101.
        Assert.That(step.EndOf(0, Sex.Female, 1), Is.EqualTo(9900.0 / 101).Within(Tolerance));
        // The open group 2+: S = 200 + 50 = 250, E = 250 / 1.1 = 227.2727; end = 250 − 0.2·E = 204.5454.
        Assert.That(step.EndOf(0, Sex.Female, 2), Is.EqualTo(250 - (0.2 * 250 / 1.1)).Within(Tolerance));
        // Births = f(1)·E(women reaching 1) = 0.5 · 100/1.01 = 49.50495, half of them girls: 24.75248.
        var births = 0.5 * 100 / 1.01;
        Assert.That(step.Components.Births[(int)Sex.Female] + step.Components.Births[(int)Sex.Male], Is.EqualTo(births).Within(Tolerance));
        // Girls reaching 0: arrivals X = 24.75248 count half, E = (X/2) / (1 + 0.1/2) = 11.78689; end = X − 0.1·E = 23.57379.
        var girls = births / 2;
        Assert.That(step.EndOf(0, Sex.Female, 0), Is.EqualTo(girls - (0.1 * girls / 2 / 1.05)).Within(Tolerance));
        Assert.That(step.EndOf(0, Sex.Female, 0), Is.EqualTo(23.573785950023574).Within(Tolerance));
        // Men: 90 → 90 − 0.02·90/1.01 = 88.21782; 180 + 40 = 220 → 220 − 0.2·220/1.1 = 180.
        Assert.That(step.EndOf(0, Sex.Male, 1), Is.EqualTo(88.21782178217822).Within(Tolerance));
        Assert.That(step.EndOf(0, Sex.Male, 2), Is.EqualTo(180).Within(Tolerance));
    }

    [Test]
    public void Migrants_are_exposed_to_mortality_and_out_migration_for_half_the_year()
    {
        // Women reaching 1: S = 100, m = 0.02, out-migration o = 0.1, 10 immigrants.
        // E = (S + 10/2) / (1 + (0.02 + 0.1)/2) = 105 / 1.06 = 99.05660; deaths 1.98113, out 9.90566; end = 110 − 0.12·E = 98.11321.
        var rates = new RatesBuilder(Toy)
            .Mortality(Sex.Female, 1, 0.02).DomesticOut(Sex.Female, 1, 0.1).Immigrants(Sex.Female, 1, 10).Build();
        var step = new StepRunner(Toy, [RatesBuilder.Population(Toy, [0, 0, 0], [100, 0, 0])], [rates]);

        Assert.That(step.Components.Get(ComponentOfChange.Deaths, 0, Sex.Female, 1), Is.EqualTo(1.981132075471698).Within(Tolerance));
        Assert.That(step.Components.Get(ComponentOfChange.DomesticOut, 0, Sex.Female, 1), Is.EqualTo(9.90566037735849).Within(Tolerance));
        Assert.That(step.Components.Get(ComponentOfChange.Immigration, 0, Sex.Female, 1), Is.EqualTo(10));
        Assert.That(step.EndOf(0, Sex.Female, 1), Is.EqualTo(98.11320754716981).Within(Tolerance));
    }

    [Test]
    public void Exposure_is_the_mean_of_the_cohort_at_the_start_and_end_of_the_year()
    {
        var layout = PopulationLayout.Default;
        var random = new Random(7);
        var (populations, rates) = RandomInputs.Regions(layout, random, regionCount: 3);
        var step = new StepRunner(layout, populations, rates);

        for (var r = 0; r < 3; r++)
        {
            for (var s = 0; s < 2; s++)
            {
                var sex = (Sex)s;
                for (var age = 0; age <= layout.OldestAge; age++)
                {
                    var block = (r * layout.CellCount) + layout.SexOffset(sex);
                    var cohortStart = age == 0 ? 0 : step.Start[block + age - 1] + (age == layout.OldestAge ? step.Start[block + age] : 0);
                    var mean = (cohortStart + step.End[block + age]) / 2;
                    Assert.That(step.Components.Exposure[block + age], Is.EqualTo(mean).Within(1e-9 * Math.Max(1, mean)), $"region {r}, {sex}, age {age}");
                }
            }
        }
    }

    [Test]
    public void Rates_observed_in_a_step_reproduce_its_end_population_when_fed_back()
    {
        // The replay the estimation side relies on: observed counts / mean population are the engine's rates.
        var layout = PopulationLayout.Default;
        var (populations, rates) = RandomInputs.Regions(layout, new Random(11), regionCount: 1);
        var first = new StepRunner(layout, populations, rates);
        var c = first.Components;
        var observed = new RegionRates
        {
            Mortality = Divide(c.Deaths, c.Exposure),
            DomesticOutMigration = Divide(c.DomesticOut, c.Exposure),
            Emigration = Divide(c.Emigration, c.Exposure),
            DomesticInMigration = (double[])c.DomesticIn.Clone(),
            Immigration = (double[])c.Immigration.Clone(),
            Fertility = ObservedFertility(layout, c),
            SexRatioAtBirth = c.Births[(int)Sex.Male] / c.Births[(int)Sex.Female],
        };

        var replay = new StepRunner(layout, populations, [observed]);

        for (var i = 0; i < first.End.Length; i++)
        {
            Assert.That(replay.End[i], Is.EqualTo(first.End[i]).Within(1e-9 * Math.Max(1, first.End[i])), $"cell {i}");
        }
    }

    [Test]
    public void The_open_age_group_keeps_its_members_and_gains_the_cohort_below()
    {
        var rates = new RatesBuilder(Toy).Build();
        var step = new StepRunner(Toy, [RatesBuilder.Population(Toy, [5, 7, 11], [13, 17, 19])], [rates]);

        Assert.That(step.EndOf(0, Sex.Male, 2), Is.EqualTo(7 + 11));
        Assert.That(step.EndOf(0, Sex.Female, 2), Is.EqualTo(17 + 19));
        Assert.That(step.EndOf(0, Sex.Male, 1), Is.EqualTo(5));
        Assert.That(step.EndOf(0, Sex.Female, 0), Is.Zero, "no fertility, no births");
    }

    [Test]
    public void A_closed_population_changes_only_by_births_and_deaths()
    {
        var layout = PopulationLayout.Default;
        var (populations, rates) = RandomInputs.Regions(layout, new Random(3), regionCount: 1, migration: false);
        var step = new StepRunner(layout, populations, rates);

        var births = step.Components.Births[0] + step.Components.Births[1];
        var deaths = PopulationIndicators.Total(step.Components.Deaths);
        Assert.That(PopulationIndicators.Total(step.End), Is.EqualTo(PopulationIndicators.Total(step.Start) + births - deaths).Within(1e-7));
        Assert.That(PopulationIndicators.Total(step.Components.DomesticIn) + PopulationIndicators.Total(step.Components.Immigration), Is.Zero);
        Assert.That(births, Is.GreaterThan(0));
    }

    [Test]
    public void Zero_fertility_gives_no_births_and_an_empty_first_age()
    {
        var layout = PopulationLayout.Default;
        var (populations, rates) = RandomInputs.Regions(layout, new Random(5), regionCount: 1, migration: false);
        var assumptions = new StepAssumptions(1);
        assumptions.FertilityFactor[0] = 0;
        var step = new StepRunner(layout, populations, rates, assumptions);

        Assert.That(step.Components.Births, Is.All.Zero);
        Assert.That(step.EndOf(0, Sex.Male, 0), Is.Zero);
        Assert.That(step.EndOf(0, Sex.Female, 0), Is.Zero);
    }

    [Test]
    public void Births_split_by_the_sex_ratio_at_birth()
    {
        var rates = new RatesBuilder(Toy).Fertility(1, 1.0).SexRatio(1.06).Build();
        var step = new StepRunner(Toy, [RatesBuilder.Population(Toy, [0, 0, 0], [206, 0, 0])], [rates]);

        // 206 women reaching 1 with no deaths: 206 births, 106 boys and 100 girls.
        Assert.That(step.Components.Births[(int)Sex.Male], Is.EqualTo(106).Within(Tolerance));
        Assert.That(step.Components.Births[(int)Sex.Female], Is.EqualTo(100).Within(Tolerance));
    }

    [Test]
    public void What_leaves_a_region_for_the_set_arrives_in_the_set()
    {
        var layout = PopulationLayout.Default;
        var random = new Random(17);
        var (populations, rates) = RandomInputs.Regions(layout, random, regionCount: 4, inFromOutside: false, internalShare: 1.0);
        var step = new StepRunner(layout, populations, rates);

        // Every out-migrant stays in the set and nobody comes from outside: domestic in equals domestic out, cell by cell.
        for (var c = 0; c < layout.CellCount; c++)
        {
            double moved = 0, arrived = 0;
            for (var r = 0; r < 4; r++)
            {
                moved += step.Components.DomesticOut[(r * layout.CellCount) + c];
                arrived += step.Components.DomesticIn[(r * layout.CellCount) + c];
            }

            Assert.That(arrived, Is.EqualTo(moved).Within(1e-9 * Math.Max(1, moved)), $"cell {c}");
            Assert.That(moved, Is.GreaterThan(0), $"cell {c}");
        }
    }

    [Test]
    public void Outflows_beyond_the_cohort_are_capped_and_flagged_and_nobody_goes_below_zero()
    {
        var rates = new RatesBuilder(Toy).Mortality(0.5).DomesticOut(Sex.Female, 1, 4.0).Build();
        var step = new StepRunner(Toy, [RatesBuilder.Population(Toy, [10, 10, 10], [10, 10, 10])], [rates]);

        Assert.That(step.End, Is.All.GreaterThanOrEqualTo(0));
        Assert.That(step.EndOf(0, Sex.Female, 1), Is.Zero.Within(1e-12), "all exits scaled to 2 per person-year empty the closed cohort");
        Assert.That(step.Components.CappedCells[0], Is.EqualTo(1));
        Assert.That(BalancingIdentity.MaxAbsoluteResidual(Toy, step.Start, step.End, step.Components), Is.LessThan(1e-9));
    }

    [TestCase(2)]
    [TestCase(7)]
    [TestCase(100)]
    public void Every_capped_cell_is_counted_once_whatever_the_layout(int oldestAge)
    {
        var layout = new PopulationLayout(oldestAge);
        var (populations, rates) = RandomInputs.Regions(layout, new Random(oldestAge), regionCount: 3);
        var assumptions = new StepAssumptions(3);
        Array.Fill(assumptions.MortalityFactor, 8);
        Array.Fill(assumptions.DomesticOutFactor, 8);
        Array.Fill(assumptions.EmigrationFactor, 8);
        var step = new StepRunner(layout, populations, rates, assumptions);

        for (var r = 0; r < 3; r++)
        {
            var expected = 0;
            for (var c = 0; c < layout.CellCount; c++)
            {
                var exitRate = (8 * rates[r].Mortality[c]) + (8 * rates[r].DomesticOutMigration[c]) + (8 * rates[r].Emigration[c]);
                expected += exitRate > ProjectionStep.MaxExitRate ? 1 : 0;
            }

            Assert.That(step.Components.CappedCells[r], Is.EqualTo(expected), $"region {r}");
            Assert.That(expected, Is.GreaterThan(0));
        }
    }

    private static double[] Divide(double[] counts, double[] exposure)
    {
        var result = new double[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            result[i] = exposure[i] > 0 ? counts[i] / exposure[i] : 0;
        }

        return result;
    }

    private static double[] ObservedFertility(PopulationLayout layout, StepFlows components)
    {
        // Observed births are only known in total; spreading them over ages by any fixed pattern reproduces the total.
        var fertility = new double[layout.AgeCount];
        var women = 0.0;
        for (var age = 15; age <= 49; age++)
        {
            women += components.Exposure[layout.Index(Sex.Female, age)];
        }

        var births = components.Births[0] + components.Births[1];
        for (var age = 15; age <= 49; age++)
        {
            fertility[age] = births / women;
        }

        return fertility;
    }
}

public class StepWithoutFlowsTests
{
    [Test]
    public void Skipping_the_flows_by_age_changes_no_population_birth_or_exposure()
    {
        var layout = PopulationLayout.Default;
        var (populations, rates) = RandomInputs.Regions(layout, new Random(11), regionCount: 3);
        var start = populations.SelectMany(p => p).ToArray();
        var withFlows = new StepFlows(layout, 3);
        var withoutFlows = new StepFlows(layout, 3) { KeepFlowsByAge = false };
        var end1 = new double[start.Length];
        var end2 = new double[start.Length];

        ProjectionStep.Advance(layout, rates, new StepAssumptions(3), start, end1, withFlows, new StepWorkspace(layout, 3));
        ProjectionStep.Advance(layout, rates, new StepAssumptions(3), start, end2, withoutFlows, new StepWorkspace(layout, 3));

        Assert.That(end2, Is.EqualTo(end1));
        Assert.That(withoutFlows.Births, Is.EqualTo(withFlows.Births));
        Assert.That(withoutFlows.Exposure, Is.EqualTo(withFlows.Exposure));
        Assert.That(withFlows.Deaths.Sum(), Is.GreaterThan(0));
        Assert.That(withoutFlows.Deaths.Count(d => d != 0), Is.LessThan(withFlows.Deaths.Count(d => d != 0)), "the vectorized ages are not written");
    }
}
