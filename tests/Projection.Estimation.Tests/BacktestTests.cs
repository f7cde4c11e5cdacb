using Projection.Core;
using Projection.Files;
using Projection.Tests;

namespace Projection.Estimation.Tests;

public class BacktestTests
{
    [Test]
    public void Swedens_mortality_fell_about_one_and_a_half_percent_a_year_1996_to_2015()
    {
        var improvement = MortalityTrend.AnnualImprovement(CountySeries.Region("00"), 1996, 2015);
        Assert.That(improvement, Is.EqualTo(0.0155).Within(0.0005));
    }

    [Test]
    public void The_cohort_component_method_beats_the_trends_for_the_oldest_groups_over_ten_years()
    {
        var groups = AgeGroupings.Planning;
        var oldest = groups.Count - 2; // 80-89
        var regions = new[] { "00", "01", "05", "12", "18", "21" };
        var outcomes = regions.Select(code => Backtest.Run(CountySeries.Region(code), 1995, 10, groups)).ToList();

        double Mape(string method) => outcomes.Average(o => Backtest.PercentageError(o.Forecasts.Single(f => f.Method == method).Groups[oldest], o.ObservedGroups[oldest]));

        Assert.That(Mape(Backtest.CohortComponent), Is.LessThan(Mape(Backtest.ConstantGrowth)));
        Assert.That(Mape(Backtest.CohortComponent), Is.LessThan(Mape(Backtest.LinearTrend)));
        Assert.That(outcomes.Select(o => o.ObservedTotal), Is.All.GreaterThan(0));
    }

    [Test]
    public void A_backtest_reading_years_outside_the_data_is_refused()
    {
        var county = CountySeries.Region("19");
        var error = Assert.Throws<InvalidInputException>(() => Backtest.Run(county, 2010, 10, AgeGroupings.Planning));
        Assert.That(error!.Message, Does.Contain("has no population for 2016"));
    }

    [Test]
    public void Municipal_totals_are_backtested_from_the_county_detail()
    {
        var totals = ScbExtractCsv.ReadTotals(SharedData.PathOrIgnore("scb/" + ScbExtractCsv.MunicipalTotalsFile));
        var outcome = MunicipalTotalsBacktest.Run("1980", totals["1980"].Totals, CountySeries.Region("19"), 2010, 10, new Backtest.Windows());

        Assert.That(outcome.Observed, Is.EqualTo(totals["1980"].Totals[2020]));
        Assert.That(outcome.Forecasts.Keys, Is.EquivalentTo(new[] { Backtest.CohortComponent, Backtest.ConstantGrowth, Backtest.LinearTrend }));

        // Västerås grew from 137,207 (2010) to 155,551 (2020); every method should say it grew.
        Assert.That(outcome.Forecasts.Values, Is.All.GreaterThan(totals["1980"].Totals[2010]));
    }
}
