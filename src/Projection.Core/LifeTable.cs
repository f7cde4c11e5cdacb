namespace Projection.Core;

/// <summary>
/// A period life table (livslängdstabell) from death rates m(x) by age in completed years,
/// the last age open-ended, following the Human Mortality Database Methods Protocol
/// (Wilmoth et al., v6, 2017): q = m / (1 + (1 − a)·m), a(x) = 0.5 above age 0, a(0) from
/// Andreev and Kingkade (2015), and for the open group L = l / m.
/// </summary>
public sealed class LifeTable
{
    private LifeTable(int ages)
    {
        DeathRates = new double[ages];
        Separation = new double[ages];
        DeathProbabilities = new double[ages];
        Survivors = new double[ages];
        Deaths = new double[ages];
        PersonYears = new double[ages];
        PersonYearsAbove = new double[ages];
        LifeExpectancy = new double[ages];
    }

    /// <summary>The radix: survivors at exact age 0.</summary>
    public const double Radix = 100_000;

    /// <summary>m(x), deaths per person-year.</summary>
    public double[] DeathRates { get; }

    /// <summary>a(x), mean years lived in the interval by those who die in it.</summary>
    public double[] Separation { get; }

    /// <summary>q(x), probability of dying between x and x + 1.</summary>
    public double[] DeathProbabilities { get; }

    /// <summary>l(x), survivors at exact age x of <see cref="Radix"/> births.</summary>
    public double[] Survivors { get; }

    /// <summary>d(x), deaths between x and x + 1.</summary>
    public double[] Deaths { get; }

    /// <summary>L(x), person-years lived between x and x + 1.</summary>
    public double[] PersonYears { get; }

    /// <summary>T(x), person-years lived above x.</summary>
    public double[] PersonYearsAbove { get; }

    /// <summary>e(x) (återstående medellivslängd), remaining life expectancy at x.</summary>
    public double[] LifeExpectancy { get; }

    /// <summary>e(0), life expectancy at birth (medellivslängd).</summary>
    public double LifeExpectancyAtBirth => LifeExpectancy[0];

    /// <summary>Builds the table from m(x), x = 0..n − 1, the last age open.</summary>
    public static LifeTable FromDeathRates(ReadOnlySpan<double> deathRates, Sex sex)
    {
        if (deathRates.Length < 2)
        {
            throw new ArgumentException("A life table needs at least two ages.", nameof(deathRates));
        }

        var n = deathRates.Length;
        var table = new LifeTable(n);
        for (var x = 0; x < n; x++)
        {
            var m = deathRates[x];
            if (!double.IsFinite(m) || m < 0)
            {
                throw new ArgumentException($"Death rate at age {x} must be finite and non-negative, was {m}.", nameof(deathRates));
            }

            table.DeathRates[x] = m;
        }

        if (table.DeathRates[n - 1] <= 0)
        {
            throw new ArgumentException("The open age group needs a positive death rate.", nameof(deathRates));
        }

        var survivors = Radix;
        for (var x = 0; x < n; x++)
        {
            var m = table.DeathRates[x];
            var open = x == n - 1;
            var a = open ? 1 / m : x == 0 ? InfantSeparation(m, sex) : 0.5;
            var q = open ? 1.0 : Math.Min(1.0, m / (1 + ((1 - a) * m)));
            var d = survivors * q;
            table.Separation[x] = a;
            table.DeathProbabilities[x] = q;
            table.Survivors[x] = survivors;
            table.Deaths[x] = d;
            table.PersonYears[x] = open ? survivors / m : survivors - d + (a * d);
            survivors -= d;
        }

        var above = 0.0;
        for (var x = n - 1; x >= 0; x--)
        {
            above += table.PersonYears[x];
            table.PersonYearsAbove[x] = above;
            table.LifeExpectancy[x] = table.Survivors[x] > 0 ? above / table.Survivors[x] : 0;
        }

        return table;
    }

    /// <summary>
    /// a(0) from the infant death rate, Andreev and Kingkade (2015), "Average age at death in
    /// infancy", Demographic Research 33(13), Table 3 (the HMD's rule since Methods Protocol v6).
    /// </summary>
    public static double InfantSeparation(double infantDeathRate, Sex sex)
    {
        var m0 = infantDeathRate;
        return sex == Sex.Male
            ? m0 >= 0.08307 ? 0.29915 : m0 >= 0.023 ? 0.02832 + (3.26201 * m0) : 0.14929 - (1.99545 * m0)
            : m0 >= 0.06891 ? 0.31411 : m0 >= 0.01724 ? 0.04667 + (3.88089 * m0) : 0.14903 - (2.05527 * m0);
    }

    /// <summary>
    /// Life expectancy at birth implied by the engine's own death rates (by age reached during
    /// the year, on mean cohort exposure; see <see cref="ProjectionStep"/>): the person-years
    /// per birth of the stationary population that these rates sustain. Newborns spend half
    /// their first calendar year exposed; the open group lives l(ω)/m(ω).
    /// </summary>
    public static double LifeExpectancyFromCohortRates(ReadOnlySpan<double> mortality)
    {
        if (mortality.Length < 2 || !(mortality[^1] > 0))
        {
            throw new ArgumentException("Cohort death rates need at least two ages and a positive rate in the open group.", nameof(mortality));
        }

        // Age 0: one birth arrives during the year, counted half in the exposure.
        var m = mortality[0];
        var exposure = 0.5 / (1 + (0.5 * m));
        var personYears = exposure;
        var survivors = 1 - (m * exposure);
        for (var age = 1; age < mortality.Length - 1; age++)
        {
            m = mortality[age];
            exposure = survivors / (1 + (0.5 * m));
            personYears += exposure;
            survivors -= m * exposure;
        }

        return personYears + (survivors / mortality[^1]);
    }
}
