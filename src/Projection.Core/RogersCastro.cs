namespace Projection.Core;

/// <summary>
/// The Rogers–Castro model migration schedule (Rogers and Castro 1981, <i>Model Migration
/// Schedules</i>, IIASA RR-81-30): M(x) = a1·e^(−α1·x) + a2·e^(−α2(x−μ2) − e^(−λ2(x−μ2))) + c,
/// a childhood component that falls with age, a labour-force peak in the early twenties and
/// a constant. Used for the age shape of migration flows where SCB's flows by age are not at
/// hand (their level always comes from data), and for the ages a stochastic migration deviation
/// falls on (TrajectoryWorker).
/// </summary>
public sealed record RogersCastro(double A1, double Alpha1, double A2, double Mu2, double Alpha2, double Lambda2, double C)
{
    /// <summary>The "fundamental" parameters of Rogers and Castro's simplified basic standard schedule (also migest's rc9.fund).</summary>
    public static RogersCastro Standard { get; } = new(0.02, 0.1, 0.06, 20, 0.1, 0.4, 0.003);

    /// <summary>The schedule's value at exact age <paramref name="age"/> + 0.5 (the middle of the year of age).</summary>
    public double At(int age)
    {
        var x = age + 0.5;
        return (A1 * Math.Exp(-Alpha1 * x)) + (A2 * Math.Exp((-Alpha2 * (x - Mu2)) - Math.Exp(-Lambda2 * (x - Mu2)))) + C;
    }

    /// <summary>The schedule for ages 0..<paramref name="oldestAge"/>, scaled to sum to 1.</summary>
    public double[] Shape(int oldestAge)
    {
        var shape = new double[oldestAge + 1];
        var sum = 0.0;
        for (var age = 0; age <= oldestAge; age++)
        {
            shape[age] = At(age);
            sum += shape[age];
        }

        for (var age = 0; age <= oldestAge; age++)
        {
            shape[age] /= sum;
        }

        return shape;
    }
}
