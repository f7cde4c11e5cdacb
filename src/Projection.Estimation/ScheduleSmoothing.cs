using MathNet.Numerics;

namespace Projection.Estimation;

/// <summary>
/// Smoothing of age schedules estimated from few events: at each age, a weighted least-squares
/// polynomial through the neighbouring ages (local polynomial regression; Cleveland 1979),
/// weighted by exposure so that ages with more people count more. Fitted with MathNet's
/// weighted polynomial fit. Small populations' single-year rates jump from age to age by
/// chance; the true schedules do not.
/// </summary>
public static class ScheduleSmoothing
{
    /// <summary>Ages on each side of the one being smoothed.</summary>
    public const int DefaultHalfWidth = 3;

    /// <summary>
    /// Smooths <paramref name="rates"/> over <paramref name="fromAge"/>..<paramref name="toAge"/>
    /// with a local polynomial of <paramref name="degree"/> over ±<paramref name="halfWidth"/> ages,
    /// weighted by <paramref name="exposure"/>. Negative fits are set to zero; ages outside the range are kept.
    /// </summary>
    public static double[] LocalPolynomial(ReadOnlySpan<double> rates, ReadOnlySpan<double> exposure, int fromAge, int toAge, int halfWidth = DefaultHalfWidth, int degree = 2)
    {
        var smoothed = rates.ToArray();
        for (var age = fromAge; age <= toAge; age++)
        {
            var low = Math.Max(fromAge, age - halfWidth);
            var high = Math.Min(toAge, age + halfWidth);
            var count = high - low + 1;
            if (count <= degree)
            {
                continue;
            }

            var x = new double[count];
            var y = new double[count];
            var w = new double[count];
            var weight = 0.0;
            for (var k = 0; k < count; k++)
            {
                x[k] = low + k - age;
                y[k] = rates[low + k];

                // Tricube kernel times exposure: nearer ages and larger cohorts weigh more.
                var distance = Math.Abs(x[k]) / (halfWidth + 1);
                var kernel = Math.Pow(1 - Math.Pow(distance, 3), 3);
                w[k] = kernel * Math.Max(exposure[low + k], 0);
                weight += w[k];
            }

            if (weight <= 0)
            {
                continue;
            }

            var coefficients = Fit.PolynomialWeighted(x, y, w, degree);
            smoothed[age] = Math.Max(0, coefficients[0]);
        }

        return smoothed;
    }
}
