using Projection.Core;

namespace Projection.Estimation.Tests;

public class SmallAreaEstimatorTests
{
    [Test]
    public void Migration_is_averaged_over_the_ten_years_the_backtests_validated_not_the_five_of_mortality()
    {
        // Two municipalities, 2000–2010, that received 100 immigrants per cell a year in 2001–2005
        // and none in 2006–2010. Over the validated ten-year window the mean is 50 per cell a year;
        // over the five years of the mortality window it would be 0.
        var layout = new PopulationLayout(2);
        var municipalities = new[] { Municipality("1980", layout), Municipality("1983", layout) };
        var windows = new Backtest.Windows();
        Assert.That((windows.MigrationYears, windows.MortalityYears), Is.EqualTo((10, 5)));

        var estimates = SmallAreaEstimator.Build(municipalities, 2010, windows);

        foreach (var estimate in estimates)
        {
            Assert.That(estimate.Rates.Immigration, Has.All.EqualTo(50).Within(1e-9), estimate.Code);
        }
    }

    private static ObservedStatistics Municipality(string code, PopulationLayout layout)
    {
        var observed = new ObservedStatistics(code, code, layout);
        for (var year = 2000; year <= 2010; year++)
        {
            observed.Population[year] = Enumerable.Repeat(1000.0, layout.CellCount).ToArray();
            if (year == 2000)
            {
                continue;
            }

            observed.DeathsByAgeAtDeath[year] = Enumerable.Repeat(10.0, layout.CellCount).ToArray();
            observed.BirthsByMotherAge[year] = new double[layout.AgeCount];
            observed.BirthsBySex[year] = [0, 0];
            var none = new double[layout.CellCount];
            observed.Migration[year] = new MigrationFlows(none, none, Enumerable.Repeat(year <= 2005 ? 100.0 : 0.0, layout.CellCount).ToArray(), none);
        }

        return observed;
    }
}
