using Projection.Core;

namespace Projection.Estimation.Tests;

public class LocalDeviationTests
{
    [Test]
    public void Municipalities_simulated_with_a_known_size_law_give_it_back()
    {
        // Six municipalities from 5,000 to 160,000 people whose yearly growth departs from a common one
        // by AR(1) deviations with φ = 0.4 and σ(P) = 0.008 × (10,000 / P)^0.5, over 300 years.
        const double phi = 0.4, sigma = 0.008, beta = 0.5;
        double[] sizes = [5_000, 10_000, 20_000, 40_000, 80_000, 160_000];
        var random = new TrajectoryRandom(11, 0);
        var totals = new Dictionary<string, SortedDictionary<int, double>>();
        var departures = new double[sizes.Length];
        for (var m = 0; m < sizes.Length; m++)
        {
            totals[$"19{m:00}"] = new SortedDictionary<int, double> { [1699] = sizes[m] };
        }

        for (var year = 1700; year <= 2000; year++)
        {
            var common = 0.003 * Math.Sin(year / 7.0);
            for (var m = 0; m < sizes.Length; m++)
            {
                departures[m] = (phi * departures[m]) + (sigma * Math.Pow(10_000 / sizes[m], beta) * random.NextNormal());
                totals[$"19{m:00}"][year] = totals[$"19{m:00}"][year - 1] * (1 + common + departures[m]);
            }
        }

        var local = UncertaintyEstimator.EstimateLocal(totals, 1700, 2000);
        TestContext.Out.WriteLine($"phi {local.Process.Persistence:0.000} sigma {local.Process.InnovationSd:0.00000} beta {local.SizeExponent:0.000}");

        Assert.That(local.Process.Persistence, Is.EqualTo(phi).Within(0.06));
        Assert.That(local.SizeExponent, Is.EqualTo(beta).Within(0.08));
        Assert.That(local.Process.InnovationSd, Is.EqualTo(sigma).Within(12).Percent);
        Assert.That(local.Municipalities, Is.EqualTo(6));
    }

    [Test]
    public void Municipalities_all_of_one_size_give_no_size_law_and_a_finite_sigma()
    {
        var random = new TrajectoryRandom(5, 0);
        var totals = Enumerable.Range(0, 4).ToDictionary(m => $"19{m:00}", _ => new SortedDictionary<int, double> { [1959] = 10_000 });
        for (var year = 1960; year <= 2000; year++)
        {
            foreach (var series in totals.Values)
            {
                series[year] = 10_000 * (1 + (0.005 * random.NextNormal()));
            }
        }

        var local = UncertaintyEstimator.EstimateLocal(totals, 1960, 2000);

        Assert.That(local.SizeExponent, Is.Zero);
        Assert.That(local.Process.InnovationSd, Is.GreaterThan(0).And.LessThan(0.05));
    }

    [Test]
    public void Too_few_municipalities_or_years_are_refused_naming_the_field()
    {
        var one = new Dictionary<string, SortedDictionary<int, double>> { ["1904"] = new(Enumerable.Range(1960, 60).ToDictionary(y => y, y => 5_000.0)) };
        var error = Assert.Throws<InvalidInputException>(() => UncertaintyEstimator.EstimateLocal(one, 1970, 2015));
        Assert.That(error!.Errors.Keys, Does.Contain("municipalTotals"));
    }
}
