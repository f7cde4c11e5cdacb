using Projection.Core;

namespace Projection.Estimation.Tests;

public class BaselineTests
{
    [Test]
    public void Constant_growth_holds_the_last_five_years_rate()
    {
        // 1000 → 1100 over five years; ten more years at the same rate: 1100 × 1.1² = 1331.
        double Series(int year) => year == 2000 ? 1100 : 1000;
        Assert.That(Baselines.ConstantGrowth(Series, 2000, 10), Is.EqualTo(1331).Within(1e-9));
    }

    [Test]
    public void A_linear_trend_extends_an_exact_line_exactly_and_never_goes_below_zero()
    {
        Assert.That(Baselines.LinearTrend(year => 500 + (3.0 * (year - 1990)), 2000, 7), Is.EqualTo(500 + (3.0 * 17)).Within(1e-9));
        Assert.That(Baselines.LinearTrend(year => 100 - (10.0 * (year - 1990)), 2000, 50), Is.Zero);
    }

    [Test]
    public void Hamilton_Perry_on_an_unchanging_population_changes_nothing()
    {
        var layout = new PopulationLayout(20);
        var population = Enumerable.Range(0, layout.CellCount).Select(i => 100.0 + i).ToArray();

        var projected = Baselines.HamiltonPerry(layout, population, population, 10);

        Assert.That(projected, Is.EqualTo(population).Within(1e-9));
    }

    [Test]
    public void Hamilton_Perry_moves_each_cohort_five_years_up_by_its_change_ratio()
    {
        var layout = new PopulationLayout(20);
        var before = Enumerable.Repeat(100.0, layout.CellCount).ToArray();
        var now = Enumerable.Repeat(100.0, layout.CellCount).ToArray();
        now[layout.Index(Sex.Female, 12)] = 90; // 100 aged 7 five years ago became 90 aged 12

        var projected = Baselines.HamiltonPerry(layout, before, now, 5);

        // Women aged 7 now (100) × 0.9 = 90 aged 12 in five years; women aged 12 now (90) × 1 = 90 aged 17.
        Assert.That(projected[layout.Index(Sex.Female, 12)], Is.EqualTo(90).Within(1e-9));
        Assert.That(projected[layout.Index(Sex.Female, 17)], Is.EqualTo(90).Within(1e-9));
    }

    [Test]
    public void Smoothing_keeps_a_quadratic_schedule_and_calms_a_noisy_one()
    {
        var quadratic = Enumerable.Range(0, 50).Select(a => 0.001 * (a - 10) * (40 - a)).Select(v => Math.Max(0, v)).ToArray();
        var exposure = Enumerable.Repeat(1000.0, 50).ToArray();
        var kept = ScheduleSmoothing.LocalPolynomial(quadratic, exposure, 15, 35);
        for (var age = 15; age <= 35; age++)
        {
            Assert.That(kept[age], Is.EqualTo(quadratic[age]).Within(1e-9), $"age {age}");
        }

        var random = new Random(4);
        var noisy = quadratic.Select(v => v * (0.5 + random.NextDouble())).ToArray();
        var smoothed = ScheduleSmoothing.LocalPolynomial(noisy, exposure, 15, 35);
        Assert.That(Roughness(smoothed, 15, 35), Is.LessThan(Roughness(noisy, 15, 35) / 2));
    }

    private static double Roughness(double[] values, int from, int to) =>
        Enumerable.Range(from + 1, to - from - 1).Sum(a => Math.Abs(values[a - 1] - (2 * values[a]) + values[a + 1]));
}
