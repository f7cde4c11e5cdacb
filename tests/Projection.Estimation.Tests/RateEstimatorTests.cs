using Projection.Core;

namespace Projection.Estimation.Tests;

public class RateEstimatorTests
{
    [Test]
    public void Swedens_total_fertility_in_2015_is_SCBs_published_1_85()
    {
        var estimated = RateEstimator.Estimate(CountySeries.Region("00"), 2015, 2015);
        Assert.That(Math.Round(estimated.TotalFertility, 2), Is.EqualTo(1.85));
    }

    [Test]
    public void Swedens_long_run_fertility_of_1996_to_2015_is_the_mean_of_SCBs_published_TFRs()
    {
        // SCB's published total fertility rates (summerad fruktsamhet), Sweden, 1996–2015.
        double[] published = [1.60, 1.52, 1.50, 1.50, 1.54, 1.57, 1.65, 1.71, 1.75, 1.77, 1.85, 1.88, 1.91, 1.94, 1.98, 1.90, 1.91, 1.89, 1.88, 1.85];
        var longRun = LongRunFertility.MeanTotalFertility(CountySeries.Region("00"), 1996, 2015);
        Assert.That(longRun, Is.EqualTo(published.Average()).Within(0.005));
    }

    [Test]
    public void The_long_run_fertility_of_years_with_no_births_known_is_absent()
    {
        Assert.That(LongRunFertility.MeanTotalFertility(CountySeries.Region("00"), 1900, 1920), Is.Null);
    }

    [TestCase(2015, Sex.Female, 84.0)]
    [TestCase(2015, Sex.Male, 80.4)]
    [TestCase(1990, Sex.Female, 80.4)]
    [TestCase(1990, Sex.Male, 74.8)]
    public void Swedens_life_expectancy_is_within_a_fifth_of_a_year_of_SCBs_published_figure(int year, Sex sex, double published)
    {
        var rates = RateEstimator.PeriodDeathRates(CountySeries.Region("00"), year, sex);
        var table = LifeTable.FromDeathRates(rates, sex);
        Assert.That(table.LifeExpectancyAtBirth, Is.EqualTo(published).Within(0.2));
    }

    [TestCase(Sex.Female, 84.0)]
    [TestCase(Sex.Male, 80.3)]
    public void Mortality_improving_by_age_as_fitted_on_1986_to_2005_gives_2015s_published_life_expectancy(Sex sex, double published)
    {
        // The model of docs/method.md §5: each age's death rate falls at its five-year band's log-linear
        // pace of the twenty years to the base. From 2005's rates, ten years on, against SCB's e0 for 2015
        // (issue #13's reference; the 1971–1990 fit gives women 84.0 but men 78.0: men's decline sped up after 1990).
        var sweden = CountySeries.Region("00");
        var layout = sweden.Layout;
        var improvement = MortalityImprovementByAge.AnnualImprovementByAge(sweden, 1986, 2005);
        var offset = layout.SexOffset(sex);
        var projected = RateEstimator.PeriodDeathRates(sweden, 2005, sex).Select((rate, age) => rate * Math.Pow(1 - improvement[offset + age], 10)).ToArray();
        Assert.That(LifeTable.FromDeathRates(projected, sex).LifeExpectancyAtBirth, Is.EqualTo(published).Within(0.2));
    }

    [TestCase(Sex.Female, 84.0)]
    [TestCase(Sex.Male, 80.3)]
    public void The_fitted_pattern_at_the_standardized_pace_gives_2015s_published_life_expectancy(Sex sex, double published)
    {
        // What the method projects with (docs/method.md §5): the pattern fitted on 1986–2005 (fifteen-year trends
        // below 85, twenty from it) times the twenty years' standardized pace, carried ten years from 2005's rates.
        var sweden = CountySeries.Region("00");
        var layout = sweden.Layout;
        var pattern = MortalityImprovementByAge.Fit(sweden, 1986, 2005)!;
        var pace = MortalityTrend.AnnualImprovement(sweden, 1986, 2005);
        var offset = layout.SexOffset(sex);
        var projected = RateEstimator.PeriodDeathRates(sweden, 2005, sex).Select((rate, age) => rate * Math.Pow(1 - (pace * pattern[offset + age]), 10)).ToArray();
        Assert.That(LifeTable.FromDeathRates(projected, sex).LifeExpectancyAtBirth, Is.EqualTo(published).Within(0.2));
    }

    [Test]
    public void The_engines_own_life_expectancy_agrees_with_the_period_life_table()
    {
        // Two readings of the same year's mortality, one per Lexis shape: they should differ by far less than a year.
        var region = CountySeries.Region("00");
        var estimated = RateEstimator.Estimate(region, 2015, 2015);
        var period = LifeTable.FromDeathRates(RateEstimator.PeriodDeathRates(region, 2015, Sex.Female), Sex.Female);
        Assert.That(estimated.LifeExpectancyWomen, Is.EqualTo(period.LifeExpectancyAtBirth).Within(0.15));
    }

    [TestCase("19", 2015)]
    [TestCase("00", 2010)]
    [TestCase("23", 1990)]
    public void Rates_estimated_from_a_year_reproduce_that_years_population_by_age_and_sex(string code, int year)
    {
        var region = CountySeries.Region(code);
        var estimated = RateEstimator.Estimate(region, year, year);
        var input = new ProjectionInput
        {
            Layout = region.Layout,
            BaseYear = year - 1,
            Regions = [new Region(code, code, region.Population[year - 1], estimated.Rates)],
        };

        var result = Projector.Project(input, new Scenario { Horizon = 1 });

        var projected = result.Population(1, 0);
        var observed = region.Population[year];
        for (var c = 0; c < observed.Length; c++)
        {
            Assert.That(projected[c], Is.EqualTo(observed[c]).Within(1e-6 * Math.Max(1, observed[c])), $"cell {c}");
        }
    }

    [Test]
    public void Pooling_years_weights_each_year_by_its_exposure()
    {
        // Men aged 1: exposure (P(t−1, 0) + P(t, 1))/2 = 1,000 in 2001 with 10 deaths (rate 0.01)
        // and 2,000 in 2002 with 60 (rate 0.03). Pooled: 70 / 3,000 = 7/300 ≈ 0.02333, not the
        // mean of the two rates, 0.02.
        var layout = new PopulationLayout(2);
        var region = new ObservedStatistics("99", "Test", layout);
        region.Population[2000] = Enumerable.Repeat(1000.0, layout.CellCount).ToArray();
        region.Population[2001] = Enumerable.Repeat(1000.0, layout.CellCount).ToArray();
        region.Population[2002] = Enumerable.Repeat(3000.0, layout.CellCount).ToArray();
        var c = layout.Index(Sex.Male, 1);
        foreach (var (year, deaths) in new[] { (2001, 10.0), (2002, 60.0) })
        {
            var reached = new double[layout.CellCount];
            reached[c] = deaths;
            region.DeathsByAgeReached[year] = reached;
            region.BirthsByMotherAge[year] = new double[layout.AgeCount];
            region.BirthsBySex[year] = [0, 0];
        }

        var pooled = RateEstimator.Estimate(region, 2001, 2002);

        Assert.That(pooled.Rates.Mortality[c], Is.EqualTo(7.0 / 300).Within(1e-12));
    }

    [Test]
    public void A_window_without_data_is_refused_naming_the_region_and_year()
    {
        var county = CountySeries.Region("19");
        var error = Assert.Throws<InvalidInputException>(() => RateEstimator.Estimate(county, 2015, 2016));
        Assert.That(error!.Message, Does.Contain("region 19 lacks population for 2015 or 2016"));
    }

    [Test]
    public void Converting_deaths_to_cohorts_keeps_their_total()
    {
        var region = CountySeries.Region("19");
        var cohort = new double[PopulationLayout.Default.CellCount];
        LexisDeaths.ToCohortDeaths(PopulationLayout.Default, region.DeathsByAgeAtDeath[2015], region.BirthsBySex[2015], cohort);
        Assert.That(cohort.Sum(), Is.EqualTo(region.DeathsByAgeAtDeath[2015].Sum()).Within(1e-9));
        // About 86 % of infant deaths fall in the calendar year of birth (1 − a0, a0 ≈ 0.14).
        var boys = PopulationLayout.Default.Index(Sex.Male, 0);
        Assert.That(cohort[boys] / region.DeathsByAgeAtDeath[2015][boys], Is.EqualTo(0.86).Within(0.01));
    }
}
