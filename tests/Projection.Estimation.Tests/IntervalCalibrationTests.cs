using Projection.Core;

namespace Projection.Estimation.Tests;

public class IntervalCalibrationTests
{
    [Test]
    public void A_check_is_in_an_interval_when_between_its_quantiles()
    {
        var check = new IntervalCalibration.Check("19", 2000, 5, 105, [90, 95, 100, 104, 110]);

        Assert.That(check.In80, Is.False);
        Assert.That(check.In95, Is.True);
        Assert.That(check.RelativeWidth80, Is.EqualTo(0.09).Within(1e-12));
    }

    [Test]
    public void Without_the_national_deviation_the_sum_of_counties_gets_a_falsely_narrow_interval()
    {
        var data = new[] { "00", "01", "03", "05", "12", "19" }.ToDictionary(c => c, CountySeries.Region);
        var options = new StochasticOptions { Trajectories = 300, Seed = 3 };
        IReadOnlyList<int> bases = [1995, 2000];
        var shared = IntervalCalibration.Run(data, "00", bases, [10], [], options);
        var regionalOnly = IntervalCalibration.Run(data, "00", bases, [10], [], options, withNationalDeviation: false);

        double Width(IEnumerable<IntervalCalibration.Check> checks, bool sum) => checks.Where(c => (c.Region == ProjectionIntervals.AllRegions) == sum).Average(c => c.RelativeWidth80);

        // Five counties: independent regional deviations offset in the sum, roughly by √5.
        Assert.That(Width(regionalOnly, sum: true), Is.LessThan(0.7 * Width(regionalOnly, sum: false)));
        Assert.That(Width(shared, sum: true), Is.GreaterThan(1.5 * Width(regionalOnly, sum: true)));
        Assert.That(shared.Select(c => c.BaseYear).Distinct(), Is.EqualTo(bases));
    }
}
