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
    public void A_few_years_of_many_counties_municipalities_give_back_their_sigma_and_size_law()
    {
        // 40 counties of 30 municipalities from 2,000 to 300,000 people (spread evenly in log size), three
        // yearly changes each (2001–2004), departing from their county's common growth by stationary AR(1)
        // deviations with φ = 0.4 and σ(P) = 0.006 × (10,000 / P)^0.4. With 2 degrees of freedom each, the
        // 1,200 sample variances pin β to about ±0.04 and σ to about ±5 %.
        const double phi = 0.4, sigma = 0.006, beta = 0.4;
        var random = new TrajectoryRandom(3, 0);
        var totals = new Dictionary<string, SortedDictionary<int, double>>();
        for (var county = 0; county < 40; county++)
        {
            var common = 0.004 * random.NextNormal();
            for (var m = 0; m < 30; m++)
            {
                var size = 2_000 * Math.Pow(150, (m + (0.5 * random.NextUniform())) / 30);
                var sd = sigma * Math.Pow(10_000 / size, beta);
                var departure = sd / Math.Sqrt(1 - (phi * phi)) * random.NextNormal();
                var series = new SortedDictionary<int, double> { [2001] = size };
                for (var year = 2002; year <= 2004; year++)
                {
                    departure = (phi * departure) + (sd * random.NextNormal());
                    series[year] = series[year - 1] * (1.002 + common + departure);
                }

                totals[string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{county + 30:00}{m:00}")] = series;
            }
        }

        var local = UncertaintyEstimator.EstimateLocalAcrossCounties(totals, 2002, 2004, phi);
        TestContext.Out.WriteLine($"sigma {local.Process.InnovationSd:0.00000} beta {local.SizeExponent:0.000}");

        Assert.That(local.Process.Persistence, Is.EqualTo(phi), "given, not estimated");
        Assert.That(local.SizeExponent, Is.EqualTo(beta).Within(0.06));
        Assert.That(local.Process.InnovationSd, Is.EqualTo(sigma).Within(8).Percent);
        Assert.That(local.Municipalities, Is.EqualTo(1200));

        // Read as independent years (φ = 0) the same variances would give a σ too small: the AR(1)'s
        // persistence makes three years' spread around their own mean smaller than its stationary spread.
        var asIndependent = UncertaintyEstimator.EstimateLocalAcrossCounties(totals, 2002, 2004, 0);
        Assert.That(asIndependent.Process.InnovationSd, Is.LessThan(sigma * 0.92));
    }

    [Test]
    public void Boundary_changes_a_county_of_one_and_the_county_left_out_are_not_counted()
    {
        // Four municipalities of county 03, one of which (0380) loses 6 % in a year when part of it becomes a new
        // municipality (as Uppsala when Knivsta was split off in 2003) and one of which (0330) has no total before;
        // one municipality alone in county 09 (as Gotland); two of county 19, left out as the long series' county.
        var totals = new Dictionary<string, SortedDictionary<int, double>>
        {
            ["0305"] = Years(20_000, 20_100, 20_150, 20_300),
            ["0319"] = Years(8_000, 8_050, 8_020, 8_090),
            ["0330"] = Years(0, 12_500, 12_800, 13_000),
            ["0380"] = Years(190_000, 178_600, 180_000, 182_000),
            ["0381"] = Years(36_000, 36_200, 36_150, 36_400),
            ["0980"] = Years(57_000, 57_300, 57_400, 57_600),
            ["1980"] = Years(128_000, 129_000, 130_000, 131_000),
            ["1983"] = Years(25_000, 25_100, 24_900, 25_000),
        };

        var local = UncertaintyEstimator.EstimateLocalAcrossCounties(totals, 2002, 2004, 0.4, exceptCounty: "19");

        Assert.That(local.Municipalities, Is.EqualTo(3), "0305, 0319 and 0381");
        Assert.That(local.Process.InnovationSd, Is.GreaterThan(0).And.LessThan(0.05));
        Assert.Throws<InvalidInputException>(() => UncertaintyEstimator.EstimateLocalAcrossCounties(totals, 2002, 2004, 0.4, exceptCounty: "03"));
    }

    private static SortedDictionary<int, double> Years(params double[] totals) =>
        new(totals.Select((total, i) => (Year: 2001 + i, total)).ToDictionary(p => p.Year, p => p.total));

    [Test]
    public void A_municipality_outside_the_long_series_county_takes_the_other_counties_sigma_and_size_law()
    {
        // σ 0.01 and β 0.3 from county 19's long series; 0.005 and 0.5 for the others. At 2,500 people:
        // in 19, 0.01 × 4^0.3 = 0.015157; in 03, 0.005 × 4^0.5 = 0.01; without a county named, as in 19.
        var model = new UncertaintyModel
        {
            MigrationLocal = new AutoregressiveProcess(0.4, 0.01),
            LocalReferencePopulation = 10_000,
            LocalSizeExponent = 0.3,
            LocalCounty = "19",
            LocalOtherCountiesSd = 0.005,
            LocalOtherCountiesSizeExponent = 0.5,
        };

        Assert.That(model.MigrationLocalFor(2_500, "19").InnovationSd, Is.EqualTo(0.015157).Within(1e-6));
        Assert.That(model.MigrationLocalFor(2_500, "03").InnovationSd, Is.EqualTo(0.01).Within(1e-12));
        Assert.That(model.MigrationLocalFor(2_500, "03").Persistence, Is.EqualTo(0.4));
        Assert.That(model.MigrationLocalFor(2_500).InnovationSd, Is.EqualTo(0.015157).Within(1e-6));
        Assert.That((model with { LocalCounty = null }).MigrationLocalFor(2_500, "03").InnovationSd, Is.EqualTo(0.015157).Within(1e-6), "no county named: one law for all");
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
