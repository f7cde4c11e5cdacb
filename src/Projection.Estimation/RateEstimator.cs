using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// Estimates the engine's rates from observed counts, with exactly the engine's definitions
/// (see <see cref="ProjectionStep"/> and docs/method.md): every rate is events in the Lexis
/// parallelogram of the cohort reaching age a, divided by that cohort's mean population
/// (P(t − 1, a − 1) + P(t, a)) / 2, pooled over the window (Σ events / Σ exposure).
/// </summary>
public static class RateEstimator
{
    /// <summary>Mother's ages SCB publishes outside single years are put at the nearest single year.</summary>
    public const int YoungestMotherAge = 14;

    /// <summary><see cref="EstimatedRates.MigrationMethod"/> where every year of the window had SCB's gross flows.</summary>
    public const string GrossFlows = "gross flows";

    /// <summary><see cref="EstimatedRates.MigrationMethod"/> where migration is the balancing equation's residual.</summary>
    public const string NetResidual = "net residual";

    /// <summary>The oldest single mother's age used; SCB's "49+" is put here.</summary>
    public const int OldestMotherAge = 49;

    /// <summary>
    /// Estimates rates for <paramref name="firstYear"/>..<paramref name="lastYear"/>.
    /// Where gross migration flows are missing, migration is the residual of the balancing
    /// equation: a positive mean net by cell enters as immigrants, a negative one as a domestic
    /// out-migration rate (docs/method.md). Where a cell has no exposure, its death rate comes
    /// from <paramref name="standardMortality"/> if given, else from the nearest age with exposure.
    /// </summary>
    /// <param name="observed">The region's series.</param>
    /// <param name="firstYear">The window's first year.</param>
    /// <param name="lastYear">The window's last year.</param>
    /// <param name="standardMortality">Death rates for cells without exposure.</param>
    /// <param name="closeOldestAges">True: the rates from 95 on by the Kannisto model fitted at 80–94 (<see cref="KannistoClosure"/>; tried in the backtests, not the default).</param>
    public static EstimatedRates Estimate(ObservedStatistics observed, int firstYear, int lastYear, double[]? standardMortality = null, bool closeOldestAges = false)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var layout = observed.Layout;
        var cells = layout.CellCount;
        var errors = new ValidationErrors();
        if (lastYear < firstYear)
        {
            errors.Add("years", $"the window {firstYear}–{lastYear} is empty.");
        }

        for (var year = firstYear; year <= lastYear; year++)
        {
            if (!observed.CanEstimate(year))
            {
                errors.Add("years", $"region {observed.RegionCode} lacks population for {year - 1} or {year}, or deaths or births for {year}.");
            }
        }

        errors.ThrowIfAny();

        var exposure = new double[cells];
        var deaths = new double[cells];
        var net = new double[cells];
        var domesticOut = new double[cells];
        var emigration = new double[cells];
        var domesticIn = new double[cells];
        var immigration = new double[cells];
        var births = new double[layout.AgeCount];
        var birthsBySex = new double[2];
        var cohortDeaths = new double[cells];
        var yearExposure = new double[cells];
        var grossYears = 0;
        var netTotal = 0.0;
        for (var year = firstYear; year <= lastYear; year++)
        {
            var start = observed.Population[year - 1];
            var end = observed.Population[year];
            var yearBirthsBySex = observed.BirthsBySex[year];
            observed.CohortDeaths(year, cohortDeaths);
            CohortExposure(layout, start, end, yearExposure);
            for (var c = 0; c < cells; c++)
            {
                exposure[c] += yearExposure[c];
                deaths[c] += cohortDeaths[c];
            }

            var yearBirths = observed.BirthsByMotherAge[year];
            for (var age = 0; age < layout.AgeCount; age++)
            {
                births[age] += yearBirths[age];
            }

            birthsBySex[0] += yearBirthsBySex[0];
            birthsBySex[1] += yearBirthsBySex[1];

            for (var s = 0; s < 2; s++)
            {
                var sex = (Sex)s;
                var offset = layout.SexOffset(sex);
                for (var age = 0; age <= layout.OldestAge; age++)
                {
                    var c = offset + age;
                    var cohortStart = age == 0 ? yearBirthsBySex[s] : start[c - 1] + (age == layout.OldestAge ? start[c] : 0);
                    var residual = end[c] - cohortStart + cohortDeaths[c];
                    net[c] += residual;
                    netTotal += residual;
                }
            }

            if (observed.Migration.TryGetValue(year, out var flows))
            {
                grossYears++;
                for (var c = 0; c < cells; c++)
                {
                    domesticOut[c] += flows.DomesticOut[c];
                    emigration[c] += flows.Emigration[c];
                    domesticIn[c] += flows.DomesticIn[c];
                    immigration[c] += flows.Immigration[c];
                }
            }
        }

        var years = lastYear - firstYear + 1;
        var gross = grossYears == years;
        var rates = new RegionRates
        {
            Mortality = DeathRates(layout, deaths, exposure, standardMortality),
            Fertility = FertilityRates(layout, births, exposure),
            DomesticOutMigration = new double[cells],
            Emigration = new double[cells],
            DomesticInMigration = new double[cells],
            Immigration = new double[cells],
            SexRatioAtBirth = birthsBySex[1] > 0 && birthsBySex[0] > 0 ? birthsBySex[0] / birthsBySex[1] : RegionRates.DefaultSexRatioAtBirth,
        };

        if (closeOldestAges)
        {
            KannistoClosure.Apply(layout, rates.Mortality, deaths, exposure);
        }

        for (var c = 0; c < cells; c++)
        {
            if (gross)
            {
                rates.DomesticOutMigration[c] = exposure[c] > 0 ? domesticOut[c] / exposure[c] : 0;
                rates.Emigration[c] = exposure[c] > 0 ? emigration[c] / exposure[c] : 0;
                rates.DomesticInMigration[c] = domesticIn[c] / years;
                rates.Immigration[c] = immigration[c] / years;
            }
            else if (net[c] >= 0)
            {
                rates.Immigration[c] = net[c] / years;
            }
            else
            {
                rates.DomesticOutMigration[c] = exposure[c] > 0 ? -net[c] / exposure[c] : 0;
            }
        }

        return new EstimatedRates(
            observed.RegionCode,
            firstYear,
            lastYear,
            rates,
            rates.TotalFertility(),
            LifeExpectancy(rates.Mortality.AsSpan(layout.SexOffset(Sex.Male), layout.AgeCount)),
            LifeExpectancy(rates.Mortality.AsSpan(layout.SexOffset(Sex.Female), layout.AgeCount)),
            netTotal / years,
            gross ? GrossFlows : NetResidual);
    }

    /// <summary>e(0) of the rates, or NaN where no one died at all (no finite life expectancy).</summary>
    private static double LifeExpectancy(ReadOnlySpan<double> mortality) =>
        mortality[^1] > 0 ? LifeTable.LifeExpectancyFromCohortRates(mortality) : double.NaN;

    /// <summary>The engine's exposure of each cohort over a year: the mean of its size at the start and end.</summary>
    public static void CohortExposure(PopulationLayout layout, ReadOnlySpan<double> start, ReadOnlySpan<double> end, Span<double> exposure)
    {
        for (var s = 0; s < 2; s++)
        {
            var offset = layout.SexOffset((Sex)s);
            for (var age = 0; age <= layout.OldestAge; age++)
            {
                var c = offset + age;
                var cohortStart = age == 0 ? 0 : start[c - 1] + (age == layout.OldestAge ? start[c] : 0);
                exposure[c] = (cohortStart + end[c]) / 2;
            }
        }
    }

    /// <summary>
    /// Period death rates by completed age for a life table: D(x) over the mean of the
    /// populations aged x at the start and the end of the year (one sex, ω + 1 values).
    /// </summary>
    public static double[] PeriodDeathRates(ObservedStatistics observed, int year, Sex sex)
    {
        var layout = observed.Layout;
        var offset = layout.SexOffset(sex);
        var start = observed.Population[year - 1];
        var end = observed.Population[year];
        var deaths = observed.DeathsByAge(year);
        var rates = new double[layout.AgeCount];
        for (var age = 0; age <= layout.OldestAge; age++)
        {
            var mean = (start[offset + age] + end[offset + age]) / 2;
            rates[age] = mean > 0 ? deaths[offset + age] / mean : 0;
        }

        return rates;
    }

    private static double[] DeathRates(PopulationLayout layout, double[] deaths, double[] exposure, double[]? standard)
    {
        var rates = new double[layout.CellCount];
        for (var c = 0; c < rates.Length; c++)
        {
            rates[c] = exposure[c] > 0 ? deaths[c] / exposure[c] : double.NaN;
        }

        for (var s = 0; s < 2; s++)
        {
            var offset = layout.SexOffset((Sex)s);
            for (var age = 0; age <= layout.OldestAge; age++)
            {
                var c = offset + age;
                if (!double.IsNaN(rates[c]))
                {
                    continue;
                }

                rates[c] = standard is not null ? standard[c] : NearestObserved(rates, offset, age, layout.OldestAge);
            }

            // A small population can see no death in the open group in a year; its members are still mortal.
            var open = offset + layout.OldestAge;
            for (var age = layout.OldestAge - 1; rates[open] <= 0 && age >= 0; age--)
            {
                rates[open] = standard is not null && standard[open] > 0 ? standard[open] : rates[offset + age];
            }
        }

        return rates;
    }

    private static double NearestObserved(double[] rates, int offset, int age, int oldest)
    {
        for (var distance = 1; distance <= oldest; distance++)
        {
            foreach (var candidate in (ReadOnlySpan<int>)[age - distance, age + distance])
            {
                if (candidate >= 0 && candidate <= oldest && !double.IsNaN(rates[offset + candidate]))
                {
                    return rates[offset + candidate];
                }
            }
        }

        throw new InvalidInputException(new Dictionary<string, string[]> { ["exposure"] = ["no age has any exposure: the region has no population in the window."] });
    }

    private static double[] FertilityRates(PopulationLayout layout, double[] births, double[] exposure)
    {
        var rates = new double[layout.AgeCount];
        var offset = layout.SexOffset(Sex.Female);
        for (var age = 1; age <= layout.OldestAge; age++)
        {
            rates[age] = births[age] > 0 && exposure[offset + age] > 0 ? births[age] / exposure[offset + age] : 0;
        }

        return rates;
    }
}
