using System.Globalization;
using Projection.Tests;

namespace Projection.Core.Tests;

public class LifeTableTests
{
    [TestCase(2012)]
    [TestCase(2016)]
    public void Life_expectancy_of_Swedish_women_matches_the_Human_Mortality_Database(int year)
    {
        var path = SharedData.PathOrIgnore("scb/national_lifetable_female_hmd.csv");
        var rows = File.ReadLines(path).Skip(1)
            .Select(line => line.Split(','))
            .Where(cells => cells[1] == year.ToString(CultureInfo.InvariantCulture))
            .ToList();
        var deathRates = rows.Select(cells => double.Parse(cells[4], CultureInfo.InvariantCulture)).ToArray();
        var publishedE0 = double.Parse(rows[0][11], CultureInfo.InvariantCulture);
        Assert.That(deathRates, Has.Length.EqualTo(111), "ages 0..110+");

        var table = LifeTable.FromDeathRates(deathRates, Sex.Female);

        Assert.That(table.LifeExpectancyAtBirth, Is.EqualTo(publishedE0).Within(0.05));
    }

    [TestCase(2012)]
    [TestCase(2016)]
    public void Infant_separation_and_infant_death_probability_match_what_the_Human_Mortality_Database_prints(int year)
    {
        // HMD computes a0 from m0 by Andreev and Kingkade (2015) and prints it to two decimals, and q0 to five:
        // the engine's a0 from HMD's own m0 must round to the printed a0, and give the printed q0.
        var path = SharedData.PathOrIgnore("scb/national_lifetable_female_hmd.csv");
        var infant = File.ReadLines(path).Skip(1).Select(line => line.Split(',')).Single(cells => cells[1] == year.ToString(CultureInfo.InvariantCulture) && cells[3] == "0");
        var m0 = double.Parse(infant[4], CultureInfo.InvariantCulture);
        var printedQ0 = double.Parse(infant[5], CultureInfo.InvariantCulture);
        var printedA0 = double.Parse(infant[6], CultureInfo.InvariantCulture);

        var a0 = LifeTable.InfantSeparation(m0, Sex.Female);
        var table = LifeTable.FromDeathRates([m0, 0.5], Sex.Female);

        Assert.That(Math.Round(a0, 2), Is.EqualTo(printedA0));
        // Within the print's precision: m0 and q0 are each rounded to five decimals (±0.000005 each).
        Assert.That(table.DeathProbabilities[0], Is.EqualTo(printedQ0).Within(1e-5));
    }

    [Test]
    public void A_constant_death_rate_gives_a_life_table_with_survival_and_expectancy_by_hand()
    {
        // Two ages, m = 0.5 both: q(0) = 0.5 / (1 + (1 − a0)·0.5) with a0 from the female rule at m0 ≥ 0.06891: 0.31411.
        var table = LifeTable.FromDeathRates([0.5, 0.5], Sex.Female);
        var q0 = 0.5 / (1 + ((1 - 0.31411) * 0.5));
        var l1 = LifeTable.Radix * (1 - q0);
        var person0 = l1 + (0.31411 * LifeTable.Radix * q0);
        Assert.That(table.DeathProbabilities[0], Is.EqualTo(q0).Within(1e-12));
        Assert.That(table.Survivors[1], Is.EqualTo(l1).Within(1e-9));
        Assert.That(table.LifeExpectancyAtBirth, Is.EqualTo((person0 + (l1 / 0.5)) / LifeTable.Radix).Within(1e-12));
    }

    [Test]
    public void The_stationary_population_of_a_constant_cohort_rate_lives_one_over_the_rate()
    {
        // Every birth dies once and deaths are m × exposure in every cell, so person-years per birth are exactly 1/m.
        var rates = Enumerable.Repeat(0.04, 101).ToArray();
        Assert.That(LifeTable.LifeExpectancyFromCohortRates(rates), Is.EqualTo(25).Within(1e-9));
    }

    [Test]
    public void Negative_or_missing_rates_are_refused_with_a_message()
    {
        Assert.That(() => LifeTable.FromDeathRates([0.1, -0.2, 0.3], Sex.Male), Throws.ArgumentException.With.Message.Contains("age 1"));
        Assert.That(() => LifeTable.FromDeathRates([0.1, 0.0], Sex.Male), Throws.ArgumentException.With.Message.Contains("open age group"));
    }
}
