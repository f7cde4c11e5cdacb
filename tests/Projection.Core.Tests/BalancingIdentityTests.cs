using FsCheck;
using FsCheck.Fluent;

namespace Projection.Core.Tests;

public class BalancingIdentityTests
{
    [FsCheck.NUnit.Property(MaxTest = 200)]
    public Property Every_cell_of_every_region_balances_on_random_inputs()
    {
        var inputs =
            from seed in Gen.Choose(0, int.MaxValue)
            from regions in Gen.Choose(1, 6)
            from oldest in Gen.Elements(2, 5, 100)
            from multiplier in Gen.Elements(0.0, 0.5, 1.0, 3.0, 5.0)
            select (seed, regions, oldest, multiplier);

        return Prop.ForAll(inputs.ToArbitrary(), input =>
        {
            var layout = new PopulationLayout(input.oldest);
            var (populations, rates) = RandomInputs.Regions(layout, new Random(input.seed), input.regions);
            // Regions get different factors, as stochastic trajectories give them.
            var assumptions = new StepAssumptions(input.regions);
            for (var r = 0; r < input.regions; r++)
            {
                var regional = input.multiplier * (1 + (0.25 * r));
                assumptions.DomesticOutFactor[r] = regional;
                assumptions.EmigrationFactor[r] = regional;
                assumptions.ImmigrationFactor[r] = regional;
                assumptions.MortalityFactor[r] = 1 + (0.5 * r);
                assumptions.DomesticInFactor[r] = 2 - (0.25 * r);
            }

            var step = new StepRunner(layout, populations, rates, assumptions);

            var scale = Math.Max(1, step.Start.Max());
            return BalancingIdentity.MaxAbsoluteResidual(layout, step.Start, step.End, step.Components) <= 1e-10 * scale
                && step.End.All(value => value >= 0);
        });
    }

    [Test]
    public void A_wrong_end_population_shows_up_as_a_residual()
    {
        var layout = new PopulationLayout(2);
        var (populations, rates) = RandomInputs.Regions(layout, new Random(1), 1);
        var step = new StepRunner(layout, populations, rates);
        step.End[layout.Index(Sex.Female, 1)] += 0.5;

        Assert.That(BalancingIdentity.Residual(layout, step.Start, step.End, step.Components, 0, Sex.Female, 1), Is.EqualTo(0.5).Within(1e-9));
        Assert.That(BalancingIdentity.MaxAbsoluteResidual(layout, step.Start, step.End, step.Components), Is.EqualTo(0.5).Within(1e-9));
    }
}
