using Projection.Core;

namespace Projection.Estimation.Tests;

public class GrossFlowAndLexisTests
{
    [Test]
    public void Gross_flows_give_back_the_rates_that_made_them()
    {
        // A year made by the engine with known migration rates and no births or deaths, observed as SCB would publish it.
        var layout = new PopulationLayout(10);
        var start = Enumerable.Range(0, layout.CellCount).Select(i => 1000.0 + (37 * i)).ToArray();
        var outRates = Enumerable.Range(0, layout.CellCount).Select(i => 0.02 + (0.001 * i)).ToArray();
        var emigration = Enumerable.Range(0, layout.CellCount).Select(i => 0.005 + (0.0002 * i)).ToArray();
        var rates = new RegionRates
        {
            Mortality = new double[layout.CellCount],
            Fertility = new double[layout.AgeCount],
            DomesticOutMigration = outRates,
            Emigration = emigration,
            DomesticInMigration = Enumerable.Repeat(40.0, layout.CellCount).ToArray(),
            Immigration = Enumerable.Repeat(15.0, layout.CellCount).ToArray(),
        };
        var end = new double[layout.CellCount];
        var components = new ComponentsOfChange(layout, 1);
        ProjectionStep.Advance(layout, [rates], new StepAssumptions(1), start, end, components, new StepWorkspace(layout, 1));

        var observed = new ObservedStatistics("99", "Test", layout);
        observed.Population[2000] = start;
        observed.Population[2001] = end;
        observed.DeathsByAgeAtDeath[2001] = new double[layout.CellCount];
        observed.BirthsByMotherAge[2001] = new double[layout.AgeCount];
        observed.BirthsBySex[2001] = [0, 0];
        observed.Migration[2001] = new MigrationFlows(components.DomesticIn, components.DomesticOut, components.Immigration, components.Emigration);

        var estimated = RateEstimator.Estimate(observed, 2001, 2001);

        Assert.That(estimated.MigrationMethod, Is.EqualTo("gross flows"));
        for (var s = 0; s < 2; s++)
        {
            for (var age = 1; age <= layout.OldestAge; age++)
            {
                var c = layout.Index((Sex)s, age);
                Assert.That(estimated.Rates.DomesticOutMigration[c], Is.EqualTo(outRates[c]).Within(1e-12), $"cell {c}");
                Assert.That(estimated.Rates.Emigration[c], Is.EqualTo(emigration[c]).Within(1e-12), $"cell {c}");
                Assert.That(estimated.Rates.Immigration[c], Is.EqualTo(15).Within(1e-12));
            }
        }
    }

    [Test]
    public void SCBs_deaths_are_by_age_at_death_not_age_reached()
    {
        // Between 70 and 95 almost nobody in Sweden migrates, so the balancing equation's residual
        // there measures how well the deaths fit the cohorts. Splitting each square into its two
        // triangles (age at death) leaves a far smaller residual than reading deaths as age reached.
        var sweden = CountySeries.Region("00");
        var layout = sweden.Layout;
        double ResidualWith(Func<int, double[]> cohortDeaths)
        {
            var residual = 0.0;
            for (var year = 2006; year <= 2015; year++)
            {
                var deaths = cohortDeaths(year);
                for (var s = 0; s < 2; s++)
                {
                    for (var age = 70; age <= 95; age++)
                    {
                        var c = layout.Index((Sex)s, age);
                        residual += Math.Abs(sweden.Population[year][c] - sweden.Population[year - 1][c - 1] + deaths[c]);
                    }
                }
            }

            return residual;
        }

        var triangles = ResidualWith(year =>
        {
            var cohort = new double[layout.CellCount];
            LexisDeaths.ToCohortDeaths(layout, sweden.DeathsByAgeAtDeath[year], sweden.BirthsBySex[year], cohort);
            return cohort;
        });
        var asReached = ResidualWith(year => sweden.DeathsByAgeAtDeath[year]);

        Assert.That(triangles, Is.LessThan(asReached / 2), $"triangles {triangles:0}, as age reached {asReached:0}");
    }
}
