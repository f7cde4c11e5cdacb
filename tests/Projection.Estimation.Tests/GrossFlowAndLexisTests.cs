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
        var components = new StepFlows(layout, 1);
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

    [Test]
    public void Deaths_by_age_at_death_become_cohort_deaths_by_the_triangles_worked_out_by_hand()
    {
        // Men only, ages 0..3 (3 open), 1,000 boys born: infant rate 10/1000 = 0.01, so Andreev and
        // Kingkade's a(0) = 0.14929 − 1.99545·0.01 = 0.129336. Cohort 0: (1 − a0)·10; cohort 1:
        // a0·10 + 0.5·4; cohort 2: 0.5·4 + 0.5·6; cohort 3 (open): 0.5·6 + 8.
        var layout = new PopulationLayout(3);
        var observed = new ObservedStatistics("x", "x", layout);
        observed.DeathsByAgeAtDeath[2001] = [10, 4, 6, 8, 0, 0, 0, 0];
        observed.BirthsBySex[2001] = [1000, 0];
        var cohort = new double[layout.CellCount];

        observed.CohortDeaths(2001, cohort);

        const double a0 = 0.14929 - (1.99545 * 0.01);
        Assert.That(cohort.Take(4), Is.EqualTo(new[] { (1 - a0) * 10, (a0 * 10) + 2, 5, 11 }).Within(1e-12));
        Assert.That(cohort.Sum(), Is.EqualTo(28).Within(1e-12), "every death counted once");
        Assert.That(observed.DeathsByAge(2001), Is.SameAs(observed.DeathsByAgeAtDeath[2001]), "ages at death are used as published");
    }

    [Test]
    public void Deaths_by_age_reached_are_the_cohorts_as_published_and_become_ages_at_death_by_the_triangles_worked_out_by_hand()
    {
        // SCB's BE0101D8 (DodaFodelsearK): men only, ages 0..3 (3 open), cohorts 8.7, 3.3, 5, 11, 1,000 boys born.
        // Infant rate 8.7/1000: a0 = 0.14929 − 1.99545·0.0087; the infants' upper triangle, in cohort 1, is 8.7·a0/(1 − a0).
        // Age 0: 8.7 + U; age 1: (3.3 − U) + 0.5·5; age 2: 0.5·5 + 0.5·11; age 3 (open): 0.5·11.
        var layout = new PopulationLayout(3);
        var observed = new ObservedStatistics("x", "x", layout);
        observed.DeathsByAgeReached[2001] = [8.7, 3.3, 5, 11, 0, 0, 0, 0];
        observed.BirthsBySex[2001] = [1000, 0];
        var cohort = new double[layout.CellCount];

        observed.CohortDeaths(2001, cohort);
        var atDeath = observed.DeathsByAge(2001);

        Assert.That(cohort, Is.EqualTo(observed.DeathsByAgeReached[2001]), "cohorts are used as published");
        const double a0 = 0.14929 - (1.99545 * 0.0087);
        const double upper = 8.7 * a0 / (1 - a0);
        Assert.That(atDeath.Take(4), Is.EqualTo(new[] { 8.7 + upper, 3.3 - upper + 2.5, 8, 5.5 }).Within(1e-12));
        Assert.That(atDeath.Sum(), Is.EqualTo(28).Within(1e-12), "every death counted once");
        Assert.That(observed.TotalDeaths(2001), Is.EqualTo(28).Within(1e-12));
        Assert.That(observed.CanEstimate(2001), Is.False, "no population yet");
    }

    [Test]
    public void Death_rates_estimated_from_deaths_by_age_reached_are_the_cohort_deaths_over_the_exposure()
    {
        // Two year-ends of 1,000 in every cell; cohort deaths 2 at every age: each rate is 2 over the cohort's exposure of 1,000.
        var layout = new PopulationLayout(3);
        var observed = new ObservedStatistics("x", "x", layout);
        observed.Population[2000] = Enumerable.Repeat(1000.0, layout.CellCount).ToArray();
        observed.Population[2001] = Enumerable.Repeat(1000.0, layout.CellCount).ToArray();
        observed.DeathsByAgeReached[2001] = Enumerable.Repeat(2.0, layout.CellCount).ToArray();
        observed.BirthsBySex[2001] = [1000, 1000];
        observed.BirthsByMotherAge[2001] = new double[layout.AgeCount];

        var rates = RateEstimator.Estimate(observed, 2001, 2001).Rates;

        // Cohorts 1 and 2 lived from 1,000 at the start (at ages 0 and 1) to 1,000 at the end: exposure 1,000.
        Assert.That(rates.Mortality[layout.Index(Sex.Male, 1)], Is.EqualTo(2.0 / 1000).Within(1e-12));
        Assert.That(rates.Mortality[layout.Index(Sex.Female, 2)], Is.EqualTo(2.0 / 1000).Within(1e-12));
    }
}
