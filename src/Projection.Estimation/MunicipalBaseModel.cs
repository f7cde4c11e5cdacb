using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// Builds what SCB publishes for municipalities but cannot be fetched offline: each
/// municipality's population by sex and single year of age at the base year, and its rates.
/// Every step is constrained to published figures; docs/method.md ("The embedded default")
/// describes it and its sources step by step.
/// </summary>
public static class MunicipalBaseModel
{
    /// <summary>One municipality as modeled.</summary>
    public sealed record Municipality(
        string Code,
        string Name,
        double[] BasePopulation,
        RegionRates Rates,
        double FertilityLevel,
        double MortalityLevel,
        double NetMigrationPerYear,
        SortedDictionary<int, double> InferredNetMigration);

    /// <summary>The model's output, with the national and county levels it found.</summary>
    public sealed record Result(
        int BaseYear,
        IReadOnlyList<Municipality> Municipalities,
        double[] CountyBasePopulation,
        EstimatedRates CountyRates,
        EstimatedRates NationalRates,
        double FertilityLevelAtBase,
        double FertilityLongRunLevel,
        double MortalityLevelAtBase,
        double CountyTotalFertilityAtBase,
        double ModelGapAtBase);

    public static Result Build(MunicipalSources sources, PopulationLayout layout)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var (first, last, baseYear) = (sources.RateWindowFirst, sources.RateWindowLast, sources.BaseYear);
        var national = RateEstimator.Estimate(sources.Nation, first, last);
        var county = RateEstimator.Estimate(sources.County, first, last);
        var shape = RogersCastro.Standard.Shape(layout.OldestAge);

        // 1. National levels: fertility and mortality in the base year relative to the window.
        var (fertilityLevel, mortalityLevel) = NationalLevels(sources, layout, national, shape);
        var path = new LevelPath(county.Rates, fertilityLevel, mortalityLevel, (first + last) / 2.0, baseYear);
        var longRunLevel = LongRunFertilityLevel(sources.Nation, national.TotalFertility, last, baseYear, year => LevelIn(year, fertilityLevel, path.WindowMiddle, baseYear));

        // 2. The county, carried forward under the sum of its municipalities' published totals and raked to its published age groups.
        var countyCarried = CarryCounty(sources, layout, path, shape);

        // 3. Municipalities at the start: their real ages, or the county's detail within their published groups.
        var (startYear, municipalStart) = MunicipalStart(sources, layout, countyCarried.Populations[sources.AgeGroupsOfYear]);

        // 4. Municipal levels relative to the county, shrunk toward 1.
        var (fertilityLevels, mortalityLevels) = MunicipalLevels(sources, layout, municipalStart, path);

        // 5. Each municipality carried to the base year under its published totals; the gaps are its inferred net migration.
        var carriedMunicipalities = Enumerable.Range(0, sources.Municipalities.Count)
            .Select(m => CarryForward.Run(
                layout,
                municipalStart[m],
                startYear,
                baseYear,
                year => path.RatesIn(year, fertilityLevels[m], mortalityLevels[m]),
                year => sources.Municipalities[m].Totals.TryGetValue(year, out var total) ? total : null,
                shape))
            .ToList();

        // 6. The base year: the municipalities and the county made to agree.
        var (rows, countyBase, gap) = BaseYearPopulations(sources, layout, carriedMunicipalities, countyCarried.Populations[baseYear]);

        // 7. Rates at the base year (AtBaseYear), with net migration over the window the backtests validated.
        var countyNaturalIncrease = CountyNaturalIncreaseRates(sources, countyCarried);
        var municipalities = Enumerable.Range(0, sources.Municipalities.Count)
            .Select(m => AtBaseYear(sources, layout, sources.Municipalities[m], rows[m], NetMigrationByYear(sources, sources.Municipalities[m], carriedMunicipalities[m].NetMigration, countyNaturalIncrease), Scaled(county.Rates, fertilityLevel * fertilityLevels[m], mortalityLevel * mortalityLevels[m]), national.Rates.SexRatioAtBirth, shape, (fertilityLevels[m], mortalityLevels[m]), longRunLevel / fertilityLevel))
            .ToList();

        return new Result(baseYear, municipalities, countyBase, county, national, fertilityLevel, longRunLevel, mortalityLevel, county.TotalFertility * fertilityLevel, gap);
    }

    /// <summary>
    /// The county's rates in a year between the rate window and the base year: the national levels
    /// moved along their path (<see cref="LevelIn"/>), times a municipality's own levels.
    /// </summary>
    private sealed record LevelPath(RegionRates CountyRates, double FertilityAtBase, double MortalityAtBase, double WindowMiddle, int BaseYear)
    {
        public RegionRates RatesIn(int year, double fertility = 1, double mortality = 1) => Scaled(
            CountyRates,
            LevelIn(year, FertilityAtBase, WindowMiddle, BaseYear) * fertility,
            LevelIn(year, MortalityAtBase, WindowMiddle, BaseYear) * mortality);
    }

    /// <summary>Step 2: the county from the window's last year to the base year, under the sum of its municipalities' published totals, raked in the age-group year to its published groups.</summary>
    private static CarryForward.Result CarryCounty(MunicipalSources sources, PopulationLayout layout, LevelPath path, double[] shape)
    {
        var countyTotals = new SortedDictionary<int, double>();
        foreach (var municipality in sources.Municipalities)
        {
            foreach (var (year, total) in municipality.Totals)
            {
                countyTotals[year] = countyTotals.GetValueOrDefault(year) + total;
            }
        }

        var groupsYear = sources.AgeGroupsOfYear;
        return CarryForward.Run(
            layout,
            sources.County.Population[sources.RateWindowLast],
            sources.RateWindowLast,
            sources.BaseYear,
            year => path.RatesIn(year),
            year => countyTotals.TryGetValue(year, out var total) ? total : null,
            shape,
            (year, population) =>
            {
                if (year == groupsYear)
                {
                    Raking.ToAgeGroupTotals(population, layout, MunicipalSources.PublishedAgeGroups, sources.CountyAgeGroups, population);
                }
            });
    }

    /// <summary>
    /// Step 3: each municipality's population where its carrying starts: its real ages where SCB's
    /// table by age is given (ObservedAges); else, in the age-group year, the county's detail within
    /// each published group scaled to the municipality's group totals.
    /// </summary>
    private static (int Year, List<double[]> Populations) MunicipalStart(MunicipalSources sources, PopulationLayout layout, double[] countyAtGroupsYear)
    {
        var observed = sources.ObservedAges;
        var startYear = observed is null ? sources.AgeGroupsOfYear : sources.ObservedAgesYear;
        var populations = sources.Municipalities
            .Select(m =>
            {
                if (observed is not null)
                {
                    return observed.TryGetValue(m.Code, out var real)
                        ? (double[])real.Clone()
                        : throw new InvalidInputException(new Dictionary<string, string[]> { ["observedAges"] = [$"no population by age for {m.Code} ({m.Name}) in {startYear}."] });
                }

                var population = (double[])countyAtGroupsYear.Clone();
                Raking.ToAgeGroupTotals(population, layout, MunicipalSources.PublishedAgeGroups, m.AgeGroups, countyAtGroupsYear);
                return population;
            })
            .ToList();
        return (startYear, populations);
    }

    /// <summary>
    /// Step 4: municipal levels relative to the county, shrunk toward 1: fertility from the real
    /// child–woman ratio where ages are observed (five years of births, not one quarter's), else
    /// from the published quarter (2019Q1); mortality from the quarter.
    /// </summary>
    private static (double[] Fertility, double[] Mortality) MunicipalLevels(MunicipalSources sources, PopulationLayout layout, List<double[]> municipalStart, LevelPath path)
    {
        var quarterRates = path.RatesIn(sources.AgeGroupsOfYear + 1);
        var fertility = sources.ObservedAges is not null
            ? ChildWomanLevels(layout, municipalStart)
            : QuarterLevels(sources, municipalStart, m => m.Quarter.Births, population => ExpectedBirths(layout, quarterRates, population));
        var mortality = QuarterLevels(sources, municipalStart, m => m.Quarter.Deaths, population => ExpectedDeaths(layout, quarterRates, population));
        return (fertility, mortality);
    }

    /// <summary>
    /// Step 6: the base year. From real ages, the county is the sum of its municipalities (each
    /// already holds its published total). Else the municipalities are fitted so that they sum to
    /// the county's modeled detail and keep their published totals; the gap is what the fit could not close.
    /// </summary>
    private static (List<double[]> Municipalities, double[] County, double Gap) BaseYearPopulations(MunicipalSources sources, PopulationLayout layout, List<CarryForward.Result> carried, double[] countyCarried)
    {
        var rows = carried.Select(c => (double[])c.Populations[sources.BaseYear].Clone()).ToList();
        if (sources.ObservedAges is null)
        {
            var rowTargets = sources.Municipalities.Select(m => m.Totals[sources.BaseYear]).ToArray();
            var gap = Raking.TwoWay(rows, rowTargets, countyCarried);
            return (rows, countyCarried, gap);
        }

        var county = new double[layout.CellCount];
        foreach (var row in rows)
        {
            for (var c = 0; c < county.Length; c++)
            {
                county[c] += row[c];
            }
        }

        return (rows, county, 0.0);
    }

    /// <summary>The years of net migration a municipality's flows are built around: the migration window the county backtests chose (docs/accuracy.md).</summary>
    public static int MigrationYears { get; } = new EstimationWindows().MigrationYears;

    /// <summary>
    /// The county's natural increase per inhabitant of the year before, by year: from its series
    /// where they reach (to the rate window's last year), then from the county as carried forward.
    /// </summary>
    private static SortedDictionary<int, double> CountyNaturalIncreaseRates(MunicipalSources sources, CarryForward.Result countyCarried)
    {
        var rates = new SortedDictionary<int, double>();
        for (var year = sources.BaseYear - MigrationYears + 1; year <= sources.BaseYear; year++)
        {
            if (sources.County.CrudeNaturalIncrease(year) is { } observed)
            {
                rates[year] = observed;
            }
            else if (countyCarried.Births.TryGetValue(year, out var births) && countyCarried.Populations.TryGetValue(year - 1, out var start))
            {
                rates[year] = (births - countyCarried.Deaths[year]) / PopulationIndicators.Total(start);
            }
        }

        return rates;
    }

    /// <summary>
    /// A municipality's net migration in each year of the window: where it was carried forward
    /// from its real ages, the gap the carrying found; before, as the municipal totals backtest
    /// infers it, its published change less its natural increase at the county's rate.
    /// </summary>
    private static SortedDictionary<int, double> NetMigrationByYear(MunicipalSources sources, MunicipalityFacts facts, SortedDictionary<int, double> carried, SortedDictionary<int, double> countyNaturalIncrease)
    {
        var net = new SortedDictionary<int, double>();
        for (var year = sources.BaseYear - MigrationYears + 1; year <= sources.BaseYear; year++)
        {
            if (carried.TryGetValue(year, out var gap))
            {
                net[year] = gap;
            }
            else if (facts.Totals.TryGetValue(year, out var total) && facts.Totals.TryGetValue(year - 1, out var before) && countyNaturalIncrease.TryGetValue(year, out var rate))
            {
                net[year] = MunicipalTotalsBacktest.NetMigration(before, total, rate);
            }
        }

        return net;
    }

    /// <summary>
    /// Step 7: a municipality at the base year with its rates: fertility and mortality as given
    /// (<paramref name="rates"/>), and gross flows around its mean net migration over the window
    /// (<see cref="MigrationYears"/>; <see cref="MigrationRates"/>); <paramref name="levels"/> are its own, relative to the county.
    /// </summary>
    private static Municipality AtBaseYear(MunicipalSources sources, PopulationLayout layout, MunicipalityFacts facts, double[] population, SortedDictionary<int, double> inferred, RegionRates rates, double sexRatioAtBirth, double[] shape, (double Fertility, double Mortality) levels, double longRunOverBase)
    {
        var emigrationRate = sources.NationalComponents.Emigrants / sources.NationalComponents.Population;
        var mean = inferred.Values.DefaultIfEmpty(0).Average();
        var migration = MigrationRates(layout, population, facts.Quarter, mean, emigrationRate, shape);
        return new Municipality(
            facts.Code,
            facts.Name,
            population,
            new RegionRates
            {
                Mortality = rates.Mortality,
                Fertility = rates.Fertility,
                LongRunTotalFertility = rates.TotalFertility() * longRunOverBase,
                SexRatioAtBirth = sexRatioAtBirth,
                DomesticOutMigration = migration.DomesticOut,
                Emigration = migration.Emigration,
                DomesticInMigration = migration.DomesticIn,
                Immigration = migration.Immigration,
            },
            levels.Fertility,
            levels.Mortality,
            mean,
            inferred);
    }

    /// <summary>
    /// Step 1: Sweden's fertility and mortality in the base year relative to the rate window, found
    /// by carrying Sweden forward to the base year under its published totals and matching the base
    /// year's published births and deaths; levels move linearly from the window's middle (<see cref="LevelIn"/>).
    /// </summary>
    private static (double Fertility, double Mortality) NationalLevels(MunicipalSources sources, PopulationLayout layout, EstimatedRates national, double[] shape)
    {
        var (last, baseYear) = (sources.RateWindowLast, sources.BaseYear);
        var middle = (sources.RateWindowFirst + last) / 2.0;
        double fertilityLevel = 1, mortalityLevel = 1;
        var nationalTargets = Interpolated(sources.NationalTotals);
        // A fixed point: each pass rescales the levels by published over carried events. It settles in
        // a few passes (the carried structure hardly depends on the levels); the loop stops when a pass
        // moves neither level by more than 1e-10, and refuses inputs that never settle or carry no events.
        const int MaxPasses = 100;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var carried = CarryForward.Run(layout, sources.Nation.Population[last], last, baseYear, year => Scaled(national.Rates, LevelIn(year, fertilityLevel, middle, baseYear), LevelIn(year, mortalityLevel, middle, baseYear)), nationalTargets, shape);
            if (carried.Births[baseYear] <= 0 || carried.Deaths[baseYear] <= 0)
            {
                throw new InvalidInputException(new Dictionary<string, string[]> { ["nation"] = [$"carried to {baseYear}, the nation has no births or no deaths to compare with the published ones."] });
            }

            var fertility = sources.NationalComponents.Births / (carried.Births[baseYear] / fertilityLevel);
            var mortality = sources.NationalComponents.Deaths / (carried.Deaths[baseYear] / mortalityLevel);
            var converged = Math.Abs(fertility - fertilityLevel) < 1e-10 && Math.Abs(mortality - mortalityLevel) < 1e-10;
            (fertilityLevel, mortalityLevel) = (fertility, mortality);
            if (converged)
            {
                return (fertilityLevel, mortalityLevel);
            }
        }

        throw new InvalidInputException(new Dictionary<string, string[]> { ["nation"] = [$"the national levels of {baseYear} did not settle in {MaxPasses} passes."] });
    }

    /// <summary>
    /// The national fertility level, relative to the rate window's, that fertility returns to from
    /// <paramref name="baseYear"/> (<see cref="LongRunFertility"/>): the mean over the twenty years to
    /// the base of each year's level, observed (the year's TFR over the window's) where the nation's
    /// series holds the year, else on the modeled path from the window to the base (<paramref name="levelOnPath"/>).
    /// </summary>
    public static double LongRunFertilityLevel(ObservedStatistics nation, double windowTotalFertility, int lastObservedYear, int baseYear, Func<int, double> levelOnPath)
    {
        ArgumentNullException.ThrowIfNull(nation);
        ArgumentNullException.ThrowIfNull(levelOnPath);
        var sum = 0.0;
        for (var year = baseYear - LongRunFertility.DefaultYears + 1; year <= baseYear; year++)
        {
            sum += year <= lastObservedYear && nation.CanEstimate(year)
                ? RateEstimator.Estimate(nation, year, year).TotalFertility / windowTotalFertility
                : levelOnPath(year);
        }

        return sum / LongRunFertility.DefaultYears;
    }

    /// <summary>
    /// A national level in <paramref name="year"/>: 1 at the rate window's middle, <paramref name="levelAtBase"/>
    /// at the base year, linear in between (and held beyond).
    /// </summary>
    public static double LevelIn(int year, double levelAtBase, double windowMiddle, int baseYear) =>
        1 + ((levelAtBase - 1) * Math.Clamp((year - windowMiddle) / (baseYear - windowMiddle), 0, 1));

    /// <summary>The rates with fertility and mortality multiplied by the given levels; migration left empty.</summary>
    public static RegionRates Scaled(RegionRates rates, double fertilityLevel, double mortalityLevel)
    {
        var mortality = new double[rates.Mortality.Length];
        var fertility = new double[rates.Fertility.Length];
        for (var i = 0; i < mortality.Length; i++)
        {
            mortality[i] = rates.Mortality[i] * mortalityLevel;
        }

        for (var i = 0; i < fertility.Length; i++)
        {
            fertility[i] = rates.Fertility[i] * fertilityLevel;
        }

        return new RegionRates
        {
            Mortality = mortality,
            Fertility = fertility,
            SexRatioAtBirth = rates.SexRatioAtBirth,
            DomesticOutMigration = new double[mortality.Length],
            Emigration = new double[mortality.Length],
            DomesticInMigration = new double[mortality.Length],
            Immigration = new double[mortality.Length],
        };
    }

    private static Func<int, double?> Interpolated(SortedDictionary<int, double> totals) => year =>
    {
        if (totals.TryGetValue(year, out var exact))
        {
            return exact;
        }

        var below = totals.Keys.Where(y => y < year).DefaultIfEmpty(int.MinValue).Max();
        var above = totals.Keys.Where(y => y > year).DefaultIfEmpty(int.MaxValue).Min();
        if (below == int.MinValue || above == int.MaxValue)
        {
            return null;
        }

        return totals[below] + ((totals[above] - totals[below]) * (year - below) / (above - below));
    };

    private static double[] QuarterLevels(MunicipalSources sources, List<double[]> populations, Func<MunicipalityFacts, double> observed, Func<double[], double> expectedPerYear)
    {
        var expected = populations.Select(p => expectedPerYear(p) / 4).ToArray();
        var observedCounts = sources.Municipalities.Select(observed).ToArray();

        // Calibrated to the county as a whole, so that the quarter's season and the years since the window cancel out.
        var calibration = observedCounts.Sum() / expected.Sum();
        return expected.Select((e, m) => LevelFactor.Shrunk(observedCounts[m], e * calibration)).ToArray();
    }

    /// <summary>
    /// Each municipality's fertility relative to the county from its real ages: its children aged
    /// 0–4 over those the county's child–woman ratio (children 0–4 per woman 15–49, the county
    /// being the sum of the municipalities) gives its women, shrunk toward 1 with κ = 20 children
    /// (<see cref="LevelFactor"/>). The ratio holds five years of births, surviving, and is how
    /// Hamilton and Perry (1962) carry fertility where births by age are not at hand.
    /// </summary>
    public static double[] ChildWomanLevels(PopulationLayout layout, IReadOnlyList<double[]> populations)
    {
        ArgumentNullException.ThrowIfNull(populations);
        var sum = new double[layout.CellCount];
        foreach (var population in populations)
        {
            for (var c = 0; c < sum.Length; c++)
            {
                sum[c] += population[c];
            }
        }

        var ratio = ChildWomanRatio(layout, sum);
        return populations.Select(p => ChildWomanLevel(layout, p, ratio)).ToArray();
    }

    /// <summary>Children aged 0–4 per woman aged 15–49.</summary>
    public static double ChildWomanRatio(PopulationLayout layout, ReadOnlySpan<double> population)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return PopulationIndicators.SumOfAges(population, layout, 0, 4) / WomenOfChildbearingAge(layout, population);
    }

    /// <summary>A population's children 0–4 over those <paramref name="standardRatio"/> gives its women 15–49, shrunk toward 1 (κ = 20 children).</summary>
    public static double ChildWomanLevel(PopulationLayout layout, ReadOnlySpan<double> population, double standardRatio)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return LevelFactor.Shrunk(PopulationIndicators.SumOfAges(population, layout, 0, 4), WomenOfChildbearingAge(layout, population) * standardRatio);
    }

    private static double WomenOfChildbearingAge(PopulationLayout layout, ReadOnlySpan<double> population)
    {
        var women = 0.0;
        for (var age = 15; age <= 49; age++)
        {
            women += population[layout.Index(Sex.Female, age)];
        }

        return women;
    }

    /// <summary>The births a year that <paramref name="rates"/> give <paramref name="population"/> (its women by age).</summary>
    public static double ExpectedBirths(PopulationLayout layout, RegionRates rates, double[] population)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(population);
        var births = 0.0;
        for (var age = 0; age <= layout.OldestAge; age++)
        {
            births += rates.Fertility[age] * population[layout.Index(Sex.Female, age)];
        }

        return births;
    }

    /// <summary>The deaths a year that <paramref name="rates"/> give <paramref name="population"/>.</summary>
    public static double ExpectedDeaths(PopulationLayout layout, RegionRates rates, double[] population)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(population);
        var deaths = 0.0;
        for (var c = 0; c < layout.CellCount; c++)
        {
            deaths += rates.Mortality[c] * population[c];
        }

        return deaths;
    }

    /// <summary>A municipality's gross flows: rates of leaving (domestic, abroad) and counts arriving (domestic, from abroad), by cell.</summary>
    public sealed record Flows(double[] DomesticOut, double[] Emigration, double[] DomesticIn, double[] Immigration);

    /// <summary>
    /// Gross flows whose net is the municipality's mean inferred net migration over the window: out-migrants at
    /// four times the published quarter, emigrants at Sweden's emigration rate, immigrants from the
    /// quarter's net migration abroad; domestic in-migrants close the balance.
    /// </summary>
    private static Flows MigrationRates(PopulationLayout layout, double[] population, QuarterComponents quarter, double net, double emigrationRate, double[] shape) =>
        GrossFlows(layout, population, 4 * quarter.OutMigrants, 4 * quarter.NetAbroad, net, emigrationRate, shape);

    /// <summary>
    /// Gross flows of a year whose net is <paramref name="net"/>: emigrants at
    /// <paramref name="emigrationRate"/> of the population, all other leavers domestic
    /// (<paramref name="outMigrants"/> in all), immigrants at emigrants plus
    /// <paramref name="netAbroad"/>; domestic in-migrants close the balance (where they would be
    /// negative, more leave instead). Rates follow the standard age <paramref name="shape"/>;
    /// arrivals are distributed like the movers of the municipality's own structure.
    /// </summary>
    public static Flows GrossFlows(PopulationLayout layout, double[] population, double outMigrants, double netAbroad, double net, double emigrationRate, double[] shape)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(shape);
        var total = PopulationIndicators.Total(population);
        var emigrants = emigrationRate * total;
        var immigrants = Math.Max(0, emigrants + netAbroad);
        var domesticOut = Math.Max(0, outMigrants - emigrants);
        var domesticIn = net + domesticOut + emigrants - immigrants;
        if (domesticIn < 0)
        {
            domesticOut -= domesticIn;
            domesticIn = 0;
        }

        return new Flows(
            RatesByShape(layout, population, domesticOut, shape),
            RatesByShape(layout, population, emigrants, shape),
            CountsByShape(layout, population, domesticIn, shape),
            CountsByShape(layout, population, immigrants, shape));
    }

    private static double[] RatesByShape(PopulationLayout layout, double[] population, double count, double[] shape)
    {
        var weighted = 0.0;
        for (var s = 0; s < 2; s++)
        {
            for (var age = 0; age <= layout.OldestAge; age++)
            {
                weighted += shape[age] * population[layout.Index((Sex)s, age)];
            }
        }

        var rates = new double[layout.CellCount];
        for (var s = 0; s < 2; s++)
        {
            for (var age = 0; age <= layout.OldestAge; age++)
            {
                rates[layout.Index((Sex)s, age)] = weighted > 0 ? count * shape[age] / weighted : 0;
            }
        }

        return rates;
    }

    /// <summary>Arrivals distributed like the movers of a population of this structure: count × shape × population, normalized.</summary>
    private static double[] CountsByShape(PopulationLayout layout, double[] population, double count, double[] shape)
    {
        var rates = RatesByShape(layout, population, count, shape);
        var counts = new double[layout.CellCount];
        for (var c = 0; c < counts.Length; c++)
        {
            counts[c] = rates[c] * population[c];
        }

        return counts;
    }
}
