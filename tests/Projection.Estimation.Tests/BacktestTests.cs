using Projection.Core;
using Projection.Files;
using Projection.Tests;

namespace Projection.Estimation.Tests;

public class BacktestTests
{
    [Test]
    public void The_trend_is_the_log_linear_slope_of_the_standardized_rate_worked_out_by_hand()
    {
        // Ages 0..2, 1,000 of each sex at each age every year (so the standard weighs all six
        // cells alike). Deaths at age 0 fall 10 % a year from 10, at ages 1 and 2 stay at 10. The
        // standardized rate is (0.01 · 0.9^t + 0.02)/3: 0.01, 0.0096667, 0.0093667 in 2001–2003.
        // Its least-squares log slope over three equally spaced years is (ln 0.0093667 − ln 0.01)/2
        // = −0.0327139, so the improvement is 1 − e^−0.0327139 = 0.0321846 a year.
        var layout = new PopulationLayout(2);
        var region = new ObservedStatistics("99", "Test", layout);
        for (var year = 2000; year <= 2003; year++)
        {
            region.Population[year] = Enumerable.Repeat(1000.0, layout.CellCount).ToArray();
            if (year > 2000)
            {
                var young = 10 * Math.Pow(0.9, year - 2001);
                region.DeathsByAgeAtDeath[year] = [young, 10, 10, young, 10, 10];
                region.BirthsBySex[year] = [0, 0];
            }
        }

        Assert.That(MortalityTrend.AnnualImprovement(region, 2001, 2003), Is.EqualTo(0.0321846).Within(1e-7));
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
        var outcome = MunicipalTotalsBacktest.Run("1980", totals["1980"].Totals, CountySeries.Region("19"), 2010, 10, new EstimationWindows());

        Assert.That(outcome.Observed, Is.EqualTo(totals["1980"].Totals[2020]));
        Assert.That(outcome.Forecasts.Keys, Is.EquivalentTo(new[] { Backtest.CohortComponent, Backtest.ConstantGrowth, Backtest.LinearTrend }));

        // Västerås grew from 137,207 (2010) to 155,551 (2020); every method should say it grew.
        Assert.That(outcome.Forecasts.Values, Is.All.GreaterThan(totals["1980"].Totals[2010]));
    }
}
