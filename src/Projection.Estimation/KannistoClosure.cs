using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// Closes the oldest ages with the Kannisto model of old-age mortality, as the Human Mortality
/// Database does above 80 (Thatcher, Kannisto and Vaupel 1998; HMD Methods Protocol v6, §7):
/// the logistic hazard μ(x) = a·e^(bx) / (1 + a·e^(bx)), so that logit μ is linear in age. It is
/// fitted by least squares on logit m(x) at 80–94, weighted by each age's deaths (the inverse
/// of the log rate's Poisson variance), and replaces the rates from 95 on, where a county has a
/// few dozen deaths a year and a municipality a handful; the open group gets 1 / e(ω), the
/// rate of a stationary population above ω under the fitted hazard.
/// </summary>
public static class KannistoClosure
{
    public const int FitFrom = 80;

    public const int FitTo = 94;

    public const int CloseFrom = 95;

    /// <summary>Fewer deaths than this in the fitting ages (one sex) leave the rates as they are: too few to fit.</summary>
    public const double MinimumDeaths = 50;

    /// <summary>Replaces <paramref name="mortality"/> from <see cref="CloseFrom"/> on, for each sex with enough deaths at 80–94.</summary>
    public static void Apply(PopulationLayout layout, double[] mortality, ReadOnlySpan<double> deaths, ReadOnlySpan<double> exposure)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(mortality);
        if (layout.OldestAge < CloseFrom)
        {
            return;
        }

        for (var s = 0; s < 2; s++)
        {
            var offset = layout.SexOffset((Sex)s);
            var ages = new List<double[]>();
            var logits = new List<double>();
            var weights = new List<double>();
            for (var age = FitFrom; age <= FitTo; age++)
            {
                var c = offset + age;
                var m = exposure[c] > 0 ? deaths[c] / exposure[c] : 0;
                if (deaths[c] > 0 && m < 1)
                {
                    ages.Add([age + 0.5]);
                    logits.Add(Math.Log(m / (1 - m)));
                    weights.Add(deaths[c]);
                }
            }

            if (weights.Sum() < MinimumDeaths || ages.Count < 5)
            {
                continue;
            }

            var fit = MathNet.Numerics.LinearRegression.WeightedRegression.Weighted(ages.ToArray(), logits.ToArray(), weights.ToArray(), intercept: true);
            var (logA, b) = (fit[0], fit[1]);
            if (!(b > 0) || !double.IsFinite(logA))
            {
                continue;
            }

            for (var age = CloseFrom; age < layout.OldestAge; age++)
            {
                mortality[offset + age] = Hazard(logA, b, age + 0.5);
            }

            mortality[offset + layout.OldestAge] = 1 / LifeExpectancyAbove(logA, b, layout.OldestAge);
        }
    }

    /// <summary>μ(x) = a·e^(bx) / (1 + a·e^(bx)).</summary>
    public static double Hazard(double logA, double b, double age)
    {
        var z = Math.Exp(logA + (b * age));
        return z / (1 + z);
    }

    /// <summary>
    /// e(ω) under the hazard: ∫ S(t) dt with S(t) = ((1 + a·e^(bω)) / (1 + a·e^(b(ω + t))))^(1/b),
    /// the closed form of the logistic hazard's survival, by the trapezoid rule to 60 years on.
    /// </summary>
    public static double LifeExpectancyAbove(double logA, double b, double age)
    {
        const double Step = 0.01;
        var start = 1 + Math.Exp(logA + (b * age));
        var sum = 0.5;
        for (var t = Step; t <= 60; t += Step)
        {
            sum += Math.Pow(start / (1 + Math.Exp(logA + (b * (age + t)))), 1 / b);
        }

        return sum * Step;
    }
}
