namespace Projection.Core.Tests;

public class OrderStatisticsTests
{
    [Test]
    public void Type_7_quantiles_of_a_small_sample_worked_out_by_hand()
    {
        // n = 5, sorted 1 2 3 4 10: h = 4p → p = 0.025: 1 + 0.1·1 = 1.1; p = 0.1: 1 + 0.4·1 = 1.4;
        // p = 0.5: x₃ = 3; p = 0.9: 4 + 0.6·6 = 7.6; p = 0.975: 4 + 0.9·6 = 9.4.
        var quantiles = new double[5];
        OrderStatistics.Quantiles(new float[] { 10, 3, 1, 4, 2 }, ProjectionIntervals.Levels, quantiles);

        Assert.That(quantiles, Is.EqualTo(new[] { 1.1, 1.4, 3, 7.6, 9.4 }).Within(1e-6));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(7)]
    [TestCase(1000)]
    [TestCase(4001)]
    public void Selection_gives_what_sorting_gives_ties_included(int n)
    {
        var random = new Random(n);
        for (var sampleNumber = 0; sampleNumber < 50; sampleNumber++)
        {
            // Few distinct values in half the samples, so that ties are common.
            var sample = Enumerable.Range(0, n).Select(_ => sampleNumber % 2 == 0 ? (float)random.NextDouble() * 1000 : random.Next(5)).ToArray();
            var sorted = sample.Order().ToArray();
            var expected = ProjectionIntervals.Levels.Select(p =>
            {
                var h = (n - 1) * p;
                var below = (int)Math.Floor(h);
                var above = Math.Min(below + 1, n - 1);
                return sorted[below] + ((h - below) * ((double)sorted[above] - sorted[below]));
            }).ToArray();

            var actual = new double[5];
            OrderStatistics.Quantiles(sample, ProjectionIntervals.Levels, actual);

            Assert.That(actual, Is.EqualTo(expected));
        }
    }

    [TestCase(1000, 1e30f)]
    [TestCase(1000, -1e30f)]
    [TestCase(20_000, 3e9f)]
    [TestCase(1000, float.PositiveInfinity)]
    [TestCase(1000, 1000.00006f)]
    public void One_value_far_from_the_rest_leaves_the_quantiles_what_sorting_gives(int n, float outlier)
    {
        // All but one value fall into one bucket of the distribution pass: the selection within it must still be exact.
        var random = new Random(n);
        var spread = outlier == 1000.00006f ? 0 : 50;
        var sample = Enumerable.Range(0, n).Select(i => i == n / 3 ? outlier : 1000f + ((float)random.NextDouble() * spread) - (spread / 2)).ToArray();
        var sorted = sample.Order().ToArray();
        var expected = ProjectionIntervals.Levels.Select(p =>
        {
            var h = (n - 1) * p;
            var below = (int)Math.Floor(h);
            return sorted[below] + ((h - below) * ((double)sorted[Math.Min(below + 1, n - 1)] - sorted[below]));
        }).ToArray();

        var actual = new double[5];
        OrderStatistics.Quantiles(sample, ProjectionIntervals.Levels, actual);

        Assert.That(actual, Is.EqualTo(expected));
    }
}
