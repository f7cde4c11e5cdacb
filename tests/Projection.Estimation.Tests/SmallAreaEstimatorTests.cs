using Projection.Core;

namespace Projection.Estimation.Tests;

public class SmallAreaEstimatorTests
{
    [Test]
    public void Migration_is_averaged_over_the_twelve_years_the_backtests_chose_not_the_five_of_mortality()
    {
        // Two municipalities, 1998–2010, that received 100 immigrants per cell a year in 1999–2004
        // and none in 2005–2010. Over the chosen twelve-year window the mean is 50 per cell a year;
        // over the five years of the mortality window it would be 0.
        var layout = new PopulationLayout(2);
        var municipalities = new[] { Municipality("1980", layout), Municipality("1983", layout) };
        var windows = new EstimationWindows();
        Assert.That((windows.MigrationYears, windows.MortalityYears), Is.EqualTo((12, 5)));

        var estimates = SmallAreaEstimator.Build(municipalities, 2010, windows);

        foreach (var estimate in estimates)
        {
            Assert.That(estimate.Rates.Immigration, Has.All.EqualTo(50).Within(1e-9), estimate.Code);
        }
    }

    private static ObservedStatistics Municipality(string code, PopulationLayout layout)
    {
        var observed = new ObservedStatistics(code, code, layout);
        for (var year = 1998; year <= 2010; year++)
        {
            observed.Population[year] = Enumerable.Repeat(1000.0, layout.CellCount).ToArray();
            if (year == 1998)
            {
                continue;
            }

            observed.DeathsByAgeAtDeath[year] = Enumerable.Repeat(10.0, layout.CellCount).ToArray();
            observed.BirthsByMotherAge[year] = new double[layout.AgeCount];
            observed.BirthsBySex[year] = [0, 0];
            var none = new double[layout.CellCount];
            observed.Migration[year] = new MigrationFlows(none, none, Enumerable.Repeat(year <= 2004 ? 100.0 : 0.0, layout.CellCount).ToArray(), none);
        }

        return observed;
    }

    [Test]
    public void Fertility_returns_to_the_mean_TFR_of_the_years_the_store_holds_up_to_twenty()
    {
        // Two municipalities, 1,000 in every cell 1998–2010; each has 100 births to women aged 30
        // a year in 1999–2004 and 50 in 2005–2010. The base year's TFR is 50 / 1,000 = 0.05; the
        // store holds twelve of the twenty years to 2010, whose mean TFR is (6 × 0.1 + 6 × 0.05) / 12
        // = 0.075: the level fertility returns to. Both have the county's fertility, so their level is 1.
        var layout = new PopulationLayout(60);
        var municipalities = new[] { WithBirths("1980", layout), WithBirths("1983", layout) };

        var estimates = SmallAreaEstimator.Build(municipalities, 2010, new EstimationWindows());

        foreach (var estimate in estimates)
        {
            Assert.That(estimate.Rates.TotalFertility(), Is.EqualTo(0.05).Within(1e-12), estimate.Code);
            Assert.That(estimate.Rates.LongRunTotalFertility, Is.EqualTo(0.075).Within(1e-12), estimate.Code);
        }

        var held = SmallAreaEstimator.Build(municipalities, 2010, new EstimationWindows(FertilityLevelYears: 0));
        Assert.That(held.Select(e => e.Rates.LongRunTotalFertility), Is.All.Null);
    }

    private static ObservedStatistics WithBirths(string code, PopulationLayout layout)
    {
        var observed = Municipality(code, layout);
        for (var year = 1999; year <= 2010; year++)
        {
            var births = year <= 2004 ? 100.0 : 50.0;
            observed.BirthsByMotherAge[year][30] = births;
            observed.BirthsBySex[year] = [births * 0.514, births * 0.486];
        }

        return observed;
    }

    [Test]
    public void Mortality_pooled_over_five_years_is_carried_to_the_base_year_at_the_observed_trend()
    {
        // Death rates falling exactly 2 % a year at every age, 2000–2020. Pooled over 2016–2020
        // they stand at their 2018 level, 1/0.98² ≈ 4.1 % above 2020's; the projection then
        // lowers them by (1 − i) from 2021 on, so unless they are carried to 2020 first every
        // projected year has about 4 % too much mortality. Carried at the observed trend they are
        // 2020's rates to within the convexity of the mean, 1.0004.
        var layout = new PopulationLayout(3);
        var observed = new ObservedStatistics("1980", "1980", layout);
        var exposure = new double[layout.CellCount];
        double Rate(int c, int year) => (0.01 + (0.002 * c)) * Math.Pow(0.98, year - 2000);
        for (var year = 1999; year <= 2020; year++)
        {
            observed.Population[year] = Enumerable.Repeat(1000.0, layout.CellCount).ToArray();
            if (year == 1999)
            {
                continue;
            }

            RateEstimator.CohortExposure(layout, observed.Population[year - 1], observed.Population[year], exposure);
            observed.DeathsByAgeReached[year] = exposure.Select((e, c) => Rate(c, year) * e).ToArray();
            observed.BirthsByMotherAge[year] = new double[layout.AgeCount];
            observed.BirthsBySex[year] = [0, 0];
        }

        var estimate = SmallAreaEstimator.Build([observed], 2020, new EstimationWindows()).Single();

        for (var c = 0; c < layout.CellCount; c++)
        {
            Assert.That(estimate.Rates.Mortality[c] / Rate(c, 2020), Is.EqualTo(1.0004).Within(0.001), $"cell {c}");
        }
    }
}

public class MortalityImprovementByAgeTests
{
    [Test]
    public void Each_band_gets_the_pace_at_which_its_death_rates_fell()
    {
        // Death rates falling exactly 3 % a year at ages 60–69 and 1 % at 90+, and not at all elsewhere.
        var layout = new PopulationLayout(100);
        var nation = new ObservedStatistics("00", "Sverige", layout);
        double Pace(int age) => age is >= 60 and <= 69 ? 0.03 : age >= 90 ? 0.01 : 0;
        for (var year = 1995; year <= 2015; year++)
        {
            nation.Population[year] = Enumerable.Repeat(10_000.0, layout.CellCount).ToArray();
            if (year > 1995)
            {
                var t = year - 1995;
                nation.DeathsByAgeAtDeath[year] = Enumerable.Range(0, layout.CellCount).Select(c => 10_000 * (0.001 + (0.0004 * (c % layout.AgeCount))) * Math.Pow(1 - Pace(c % layout.AgeCount), t)).ToArray();
                nation.BirthsBySex[year] = [0, 0];
            }
        }

        var improvement = MortalityImprovementByAge.AnnualImprovementByAge(nation, 1996, 2015);

        foreach (var sex in new[] { Sex.Male, Sex.Female })
        {
            Assert.That(improvement[layout.Index(sex, 65)], Is.EqualTo(0.03).Within(1e-9));
            Assert.That(improvement[layout.Index(sex, 92)], Is.EqualTo(0.01).Within(1e-9));
            Assert.That(improvement[layout.Index(sex, 100)], Is.EqualTo(0.01).Within(1e-9));
            Assert.That(improvement[layout.Index(sex, 40)], Is.EqualTo(0).Within(1e-9));
        }
    }

    [Test]
    public void Bands_below_85_take_the_pace_of_the_last_fifteen_years_and_the_oldest_that_of_all_twenty()
    {
        // Death rates at 60–69 and 85–89 fall 1 % a year over 1996–2000 and 3 % from 2001; at 90+ 1 % throughout.
        // Fitted over 1996–2015: 60–69 should carry the last fifteen years' 3 %, 85–89 the twenty years' mix, and
        // the ratio of 60–69's pattern to 90+'s is then 0.03 / 0.01 whatever the standardized pace is.
        var layout = new PopulationLayout(100);
        var nation = new ObservedStatistics("00", "Sverige", layout);
        double Factor(int age, int t) => age is (>= 60 and <= 69) or (>= 85 and <= 89)
            ? Math.Pow(0.99, Math.Min(t, 5)) * Math.Pow(0.97, Math.Max(t - 5, 0))
            : age >= 90 ? Math.Pow(0.99, t) : 1;
        for (var year = 1995; year <= 2015; year++)
        {
            nation.Population[year] = Enumerable.Repeat(10_000.0, layout.CellCount).ToArray();
            if (year > 1995)
            {
                var t = year - 1995;
                nation.DeathsByAgeAtDeath[year] = Enumerable.Range(0, layout.CellCount).Select(c => 10_000 * (0.001 + (0.0004 * (c % layout.AgeCount))) * Factor(c % layout.AgeCount, t)).ToArray();
                nation.BirthsBySex[year] = [0, 0];
            }
        }

        var pattern = MortalityImprovementByAge.Fit(nation, 1996, 2015)!;

        foreach (var sex in new[] { Sex.Male, Sex.Female })
        {
            Assert.That(pattern[layout.Index(sex, 65)] / pattern[layout.Index(sex, 95)], Is.EqualTo(3).Within(1e-9));
            var mixed = pattern[layout.Index(sex, 87)] / pattern[layout.Index(sex, 95)];
            Assert.That(mixed, Is.GreaterThan(2.2).And.LessThan(2.9), "85–89 over twenty years: between 1 % and 3 %, nearer 3 %");
            Assert.That(pattern[layout.Index(sex, 40)], Is.EqualTo(0).Within(1e-9));
        }
    }
}
