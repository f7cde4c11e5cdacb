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

    [TestCase(Sex.Female, 84.0)]
    [TestCase(Sex.Male, 80.4)]
    public void Swedens_life_expectancy_in_2015_is_within_a_fifth_of_a_year_of_SCBs_published_figure(Sex sex, double published)
    {
        var rates = RateEstimator.PeriodDeathRates(CountySeries.Region("00"), 2015, sex);
        var table = LifeTable.FromDeathRates(rates, sex);
        Assert.That(table.LifeExpectancyAtBirth, Is.EqualTo(published).Within(0.2));
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
        var region = CountySeries.Region("19");
        var one = RateEstimator.Estimate(region, 2014, 2014);
        var two = RateEstimator.Estimate(region, 2015, 2015);
        var both = RateEstimator.Estimate(region, 2014, 2015);
        var c = PopulationLayout.Default.Index(Sex.Female, 80);
        Assert.That(both.Rates.Mortality[c], Is.InRange(Math.Min(one.Rates.Mortality[c], two.Rates.Mortality[c]), Math.Max(one.Rates.Mortality[c], two.Rates.Mortality[c])));
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
