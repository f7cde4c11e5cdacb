using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Projection.Core;

/// <summary>
/// Runs trajectories of a stochastic projection in buffers allocated once per worker: the yearly
/// loop allocates nothing. Without a migration pool, in single-precision lanes a region at a time
/// (<see cref="RunRegion"/>, TrajectoryWorker.Lanes.cs). Otherwise, and as the double-precision
/// reference, one trajectory after another (<see cref="RunBlock"/>): each year's indicators
/// (total and age groups of every region and of their sum) go to a block buffer of
/// <see cref="BlockSize"/> trajectories, which is then copied to the shared sink (series-major,
/// for the quantiles) a cache line per series at a time.
/// </summary>
/// <remarks>
/// In <see cref="RunBlock"/> without a pool, each region is projected through all its years
/// before the next (its few kilobytes stay in the core's cache), drawing the national deviations
/// of every year from the trajectory's stream first and each region's from the region's own
/// stream, as the lanes do. With a pool, all regions advance together year by year, drawing
/// each year's national deviations and then each region's from the trajectory's stream.
/// </remarks>
internal sealed partial class TrajectoryWorker
{
    /// <summary>Trajectories per block: 16 floats fill one 64-byte cache line.</summary>
    public const int BlockSize = 16;

    private readonly ProjectionInput _input;
    private readonly Scenario _scenario;
    private readonly UncertaintyModel _model;
    private readonly bool _pooled;
    private readonly RegionRates[] _rates;
    private readonly RegionRates[][] _singleRates;
    private readonly double[] _start;
    private readonly double[] _end;
    private readonly StepAssumptions _assumptions;
    private readonly StepFlows _components;
    private readonly StepWorkspace _workspace;
    // Region by region: the national deviations of each year, drawn before the regions (index: year).
    private readonly Deviation[] _nationalByYear;

    // All regions together: each region's own deviation and a municipality's local one, carried from year to year (index: region).
    private readonly Deviation[] _regional;
    private readonly double[] _localMigration;

    // Each region's local migration deviation (UncertaintyModel.MigrationLocal at its size; none for a county).
    private readonly AutoregressiveProcess[] _local;

    // The stream each region's regional deviations are drawn from: its own (r + 1), or for a municipality its
    // county's, shared by the county's municipalities; and the first region drawing from it (index: region).
    private readonly int[] _regionalStream;
    private readonly int[] _regionalOwner;
    private readonly double[] _sumOfRegions;
    private readonly double[] _cumulative;

    // Per sex, men's ages then women's; empty unless a group is of one sex (a pyramid's bands).
    private readonly double[] _cumulativeBySex;
    private readonly int[] _groupSex;
    private readonly double[] _indicators;
    private readonly int _seriesRegions;
    private readonly int[] _groupFrom;
    private readonly int[] _groupTo;
    private readonly float[] _block;
    private readonly int _seriesCount;

    // The scenario's own factors by year and region, the same in every trajectory: computed once.
    private readonly StepAssumptions[] _scenarioYears;

    private readonly PopulationLayout _layout;

    public TrajectoryWorker(ProjectionInput input, Scenario scenario, UncertaintyModel model, IReadOnlyList<AgeGroup> groups, int seriesRegions)
    {
        _input = input;
        _scenario = scenario;
        _model = model;
        _seriesRegions = seriesRegions;
        var layout = _layout = input.Layout;
        var count = input.Regions.Count;
        _rates = new RegionRates[count];
        _singleRates = new RegionRates[count][];
        var moveRates = RogersCastro.Standard.Shape(layout.OldestAge);
        for (var r = 0; r < count; r++)
        {
            var region = input.Regions[r];
            _rates[r] = WithMigrationDeviation(region.Rates, region.BasePopulation, scenario.Migration, moveRates, layout);
            _singleRates[r] = [_rates[r]];
            _pooled |= region.Rates.InternalMigrationShare > 0;
        }

        // Together: every region's cells; one by one: a region's cells, and the sum of regions for every year.
        var regionsAtOnce = _pooled ? count : 1;
        _start = new double[regionsAtOnce * layout.CellCount];
        _end = new double[regionsAtOnce * layout.CellCount];
        _assumptions = new StepAssumptions(regionsAtOnce);
        _components = new StepFlows(layout, regionsAtOnce) { KeepFlowsByAge = false };
        _workspace = new StepWorkspace(layout, regionsAtOnce);
        // The sum of regions, by year and indicator: indicators add up, so their cells need not.
        _sumOfRegions = new double[(scenario.Horizon + 1) * (groups.Count + 1)];
        _cumulative = new double[layout.AgeCount];
        _groupSex = [.. groups.Select(g => g.Sex is { } sex ? (int)sex : -1)];
        _cumulativeBySex = _groupSex.Any(s => s >= 0) ? new double[2 * layout.AgeCount] : [];
        _indicators = new double[groups.Count + 1];
        _nationalByYear = new Deviation[_pooled ? 0 : scenario.Horizon + 1];
        _regional = new Deviation[_pooled ? count : 0];
        _localMigration = new double[_pooled ? count : 0];
        _local = [.. input.Regions.Select(r => r.IsMunicipality ? model.MigrationLocalFor(r.BasePopulation.Sum(), r.Code[..2]) : default)];
        (_regionalStream, _regionalOwner) = RegionalStreams(input.Regions);
        _groupFrom = [.. groups.Select(g => g.FromAge)];
        _groupTo = [.. groups.Select(g => g.LastAge(layout))];
        _seriesCount = seriesRegions * (groups.Count + 1) * (scenario.Horizon + 1);
        _block = new float[_seriesCount * BlockSize];
        _scenarioYears = new StepAssumptions[scenario.Horizon + 1];
        for (var t = 1; t <= scenario.Horizon; t++)
        {
            _scenarioYears[t] = new StepAssumptions(count);
            _scenarioYears[t].SetYear(scenario, input.Regions, t, input.MortalityImprovementByAge);
        }
    }

    /// <summary>
    /// A region's rates as the trajectories use them: every arrival, domestic and from abroad,
    /// under the scenario's factors, in the domestic in-migrants' place (factor 1), and the
    /// immigrants' place holding the migration deviation's persons per unit of deviation — the
    /// Rogers–Castro standard schedule × the base population of each age and sex, scaled to sum to
    /// the base population (factor: the year's deviation δ, which may be negative; the step keeps
    /// every end population at or above zero). So a deviation moves every age
    /// both ways in one pattern of movers, whatever the region's own flows: with net flows alone,
    /// spreading it over arrivals when positive and departures when negative moved children only
    /// up and young adults only down (docs/accuracy.md, "By age group").
    /// </summary>
    private static RegionRates WithMigrationDeviation(RegionRates rates, double[] basePopulation, MigrationAssumption migration, double[] moveRates, PopulationLayout layout)
    {
        var arrivals = new double[layout.CellCount];
        var deviation = new double[layout.CellCount];
        double movers = 0, baseTotal = 0;
        for (var c = 0; c < arrivals.Length; c++)
        {
            arrivals[c] = (rates.DomesticInMigration[c] * migration.DomesticIn) + (rates.Immigration[c] * migration.Immigration);
            deviation[c] = moveRates[c % layout.AgeCount] * basePopulation[c];
            movers += deviation[c];
            baseTotal += basePopulation[c];
        }

        for (var c = 0; c < deviation.Length && movers > 0; c++)
        {
            deviation[c] *= baseTotal / movers;
        }

        return rates.WithMigration(rates.DomesticOutMigration, rates.Emigration, domesticIn: arrivals, immigration: deviation);
    }

    /// <summary>
    /// The stream of each region's regional deviations, and the first region drawing from it. The
    /// regional deviations are a county's difference from the nation (estimated on counties), so
    /// the municipalities of one county share them: they draw from their county's stream (after
    /// every region's own, one per county in the order first met), and each adds its own local
    /// deviation from its own stream (r + 1). A county, or any other region, draws from its own.
    /// </summary>
    private static (int[] Streams, int[] Owners) RegionalStreams(IReadOnlyList<Region> regions)
    {
        var streams = new int[regions.Count];
        var owners = new int[regions.Count];
        var counties = new Dictionary<string, (int First, int Stream)>(StringComparer.Ordinal);
        for (var r = 0; r < regions.Count; r++)
        {
            if (!regions[r].IsMunicipality)
            {
                (streams[r], owners[r]) = (r + 1, r);
                continue;
            }

            var county = regions[r].Code[..2];
            if (!counties.TryGetValue(county, out var shared))
            {
                shared = counties[county] = (r, regions.Count + 1 + counties.Count);
            }

            (streams[r], owners[r]) = (shared.Stream, shared.First);
        }

        return (streams, owners);
    }

    /// <summary>Sets the step's factors at <paramref name="index"/> to the scenario's for region <paramref name="region"/> in year <paramref name="t"/>, with no migration deviation.</summary>
    private void ScenarioFactors(int index, int region, int t)
    {
        var year = _scenarioYears[t];
        _assumptions.FertilityFactor[index] = year.FertilityFactor[region];
        _assumptions.MortalityFactor[index] = year.MortalityFactor[region];
        _assumptions.MortalityByAge = year.MortalityByAge;
        _assumptions.DomesticInFactor[index] = 1;
        _assumptions.DomesticOutFactor[index] = year.DomesticOutFactor[region];
        _assumptions.ImmigrationFactor[index] = 0;
        _assumptions.EmigrationFactor[index] = year.EmigrationFactor[region];
    }

    /// <summary>Runs the trajectories <paramref name="first"/>.. (at most <see cref="BlockSize"/>) and writes their indicators into <paramref name="sink"/>, which holds <paramref name="trajectories"/> per series.</summary>
    public void RunBlock(ulong seed, int first, int trajectories, float[] sink, CancellationToken cancellationToken)
    {
        var count = Math.Min(BlockSize, trajectories - first);
        for (var slot = 0; slot < count; slot++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var random = new TrajectoryRandom(seed, first + slot);
            if (_pooled)
            {
                RunTogether(ref random, slot);
            }
            else
            {
                RunRegionByRegion(ref random, seed, first + slot, slot);
            }
        }

        // The block is region-major (a region's years are written one after another); the sink is
        // year-major (ProjectionIntervals.Series). Each series moves as one run of trajectories.
        var indicators = _indicators.Length;
        var years = _scenario.Horizon + 1;
        var position = 0;
        for (var region = 0; region < _seriesRegions; region++)
        {
            for (var year = 0; year < years; year++)
            {
                for (var indicator = 0; indicator < indicators; indicator++, position++)
                {
                    var target = (((((year * _seriesRegions) + region) * indicators) + indicator) * trajectories) + first;
                    for (var slot = 0; slot < count; slot++)
                    {
                        sink[target + slot] = _block[(slot * _seriesCount) + position];
                    }
                }
            }
        }
    }

    private void RunRegionByRegion(ref TrajectoryRandom random, ulong seed, int trajectory, int slot)
    {
        var layout = _input.Layout;
        var regions = _input.Regions;
        var horizon = _scenario.Horizon;
        var aggregate = _seriesRegions > regions.Count;

        // The national deviations of every year, shared by all regions of this trajectory.
        NationalDeviations(_model, ref random, _nationalByYear);

        if (aggregate)
        {
            Array.Clear(_sumOfRegions);
        }

        for (var r = 0; r < regions.Count; r++)
        {
            var start = _start;
            var end = _end;
            regions[r].BasePopulation.AsSpan().CopyTo(start);
            Record(start, r, 0, slot, aggregate);

            // Each region's deviations from its own streams of the trajectory
            // (a municipality's regional ones from its county's stream, its local one from its own), as the lanes draw them.
            random = new TrajectoryRandom(seed, trajectory, _regionalStream[r]);
            var local = _local[r];
            var localRandom = new TrajectoryRandom(seed, trajectory, r + 1);
            var localMigration = local.InnovationSd > 0 ? local.StationaryStart(localRandom.NextNormal()) : 0;
            double regionalFertility = 0, regionalMortality = 0, regionalMigration = _model.MigrationRegional.StationaryStart(random.NextNormal());
            for (var t = 1; t <= horizon; t++)
            {
                ScenarioFactors(0, r, t);
                regionalFertility = _model.FertilityRegional.Next(regionalFertility, random.NextNormal());
                regionalMortality = _model.MortalityRegional.Next(regionalMortality, random.NextNormal());
                regionalMigration = _model.MigrationRegional.Next(regionalMigration, random.NextNormal());
                localMigration = local.InnovationSd > 0 ? local.Next(localMigration, localRandom.NextNormal()) : 0;
                var national = _nationalByYear[t];
                Deviate(0, national.Fertility + regionalFertility, national.Mortality + regionalMortality, national.Migration + regionalMigration + localMigration);
                ProjectionStep.Advance(layout, _singleRates[r], _assumptions, start, end, _components, _workspace);
                Record(end, r, t, slot, aggregate);
                (start, end) = (end, start);
            }
        }

        if (aggregate)
        {
            for (var t = 0; t <= horizon; t++)
            {
                Store(_sumOfRegions.AsSpan(t * _indicators.Length, _indicators.Length), regions.Count, t, slot);
            }
        }
    }

    private void RunTogether(ref TrajectoryRandom random, int slot)
    {
        var layout = _input.Layout;
        var regions = _input.Regions;
        var count = regions.Count;
        for (var r = 0; r < count; r++)
        {
            regions[r].BasePopulation.AsSpan().CopyTo(_start.AsSpan(r * layout.CellCount, layout.CellCount));
        }

        var national = new Deviation(0, 0, _model.MigrationNational.StationaryStart(random.NextNormal()));
        // A municipality shares its county's regional deviations: only the county's first municipality draws them.
        for (var r = 0; r < count; r++)
        {
            _regional[r] = _regionalOwner[r] == r ? new Deviation(0, 0, _model.MigrationRegional.StationaryStart(random.NextNormal())) : default;
        }

        // Municipalities' local deviations after the regions' own, each year too (none drawn for a county).
        for (var r = 0; r < count; r++)
        {
            _localMigration[r] = _local[r].InnovationSd > 0 ? _local[r].StationaryStart(random.NextNormal()) : 0;
        }

        var start = _start;
        var end = _end;
        RecordAll(start, 0, slot);
        for (var t = 1; t <= _scenario.Horizon; t++)
        {
            for (var r = 0; r < count; r++)
            {
                ScenarioFactors(r, r, t);
            }

            // The nation's deviation first, then each region's, in this order of draws (the seed's stream).
            var fertility = _model.FertilityNational.Next(national.Fertility, random.NextNormal());
            var mortality = _model.MortalityNational.Next(national.Mortality, random.NextNormal());
            national = new Deviation(fertility, mortality, _model.MigrationNational.Next(national.Migration, random.NextNormal()));
            for (var r = 0; r < count; r++)
            {
                var own = _regional[r];
                if (_regionalOwner[r] == r)
                {
                    var ownFertility = _model.FertilityRegional.Next(own.Fertility, random.NextNormal());
                    var ownMortality = _model.MortalityRegional.Next(own.Mortality, random.NextNormal());
                    own = _regional[r] = new Deviation(ownFertility, ownMortality, _model.MigrationRegional.Next(own.Migration, random.NextNormal()));
                }
                else
                {
                    // Its county's first municipality came earlier in this loop and drew this year's.
                    own = _regional[r] = _regional[_regionalOwner[r]];
                }

                var local = _localMigration[r] = _local[r].InnovationSd > 0 ? _local[r].Next(_localMigration[r], random.NextNormal()) : 0;
                Deviate(r, national.Fertility + own.Fertility, national.Mortality + own.Mortality, national.Migration + own.Migration + local);
            }

            ProjectionStep.Advance(layout, _rates, _assumptions, start, end, _components, _workspace);
            RecordAll(end, t, slot);
            (start, end) = (end, start);
        }
    }

    /// <summary>A trajectory's national deviations of years 1..horizon into <paramref name="byYear"/>[1..], drawn from its own stream.</summary>
    internal static void NationalDeviations(UncertaintyModel model, ref TrajectoryRandom random, Span<Deviation> byYear)
    {
        double fertility = 0, mortality = 0, migration = model.MigrationNational.StationaryStart(random.NextNormal());
        for (var t = 1; t < byYear.Length; t++)
        {
            fertility = model.FertilityNational.Next(fertility, random.NextNormal());
            mortality = model.MortalityNational.Next(mortality, random.NextNormal());
            migration = model.MigrationNational.Next(migration, random.NextNormal());
            byYear[t] = new Deviation(fertility, mortality, migration);
        }
    }

    /// <summary>
    /// Applies a year's deviations to the factors at <paramref name="index"/>. A migration
    /// deviation δ means δ × the base population more net migrants (fewer when negative), spread
    /// over ages and sexes by the standard schedule of movers (<see cref="WithMigrationDeviation"/>).
    /// </summary>
    private void Deviate(int index, double fertility, double mortality, double migration)
    {
        var deviated = Deviated(FactorsOf(_assumptions, index), fertility, mortality, migration);
        _assumptions.FertilityFactor[index] = deviated.Fertility;
        _assumptions.MortalityFactor[index] = deviated.Mortality;
        _assumptions.DomesticInFactor[index] = deviated.DomesticIn;
        _assumptions.DomesticOutFactor[index] = deviated.DomesticOut;
        _assumptions.ImmigrationFactor[index] = deviated.Immigration;
        _assumptions.EmigrationFactor[index] = deviated.Emigration;
    }

    /// <summary>The factors at <paramref name="index"/> of <paramref name="assumptions"/>.</summary>
    private static Factors FactorsOf(StepAssumptions assumptions, int index) => new(
        assumptions.FertilityFactor[index],
        assumptions.MortalityFactor[index],
        assumptions.DomesticInFactor[index],
        assumptions.DomesticOutFactor[index],
        assumptions.ImmigrationFactor[index],
        assumptions.EmigrationFactor[index]);

    /// <summary>The scenario's <paramref name="factors"/> under a year's deviations (see <see cref="Deviate"/>).</summary>
    private static Factors Deviated(in Factors factors, double fertility, double mortality, double migration) => new(
        factors.Fertility * Math.Exp(fertility),
        factors.Mortality * Math.Exp(mortality),
        factors.DomesticIn,
        factors.DomesticOut,
        migration,
        factors.Emigration);

    /// <summary>One region's indicators of a year, and its part of the sum of regions.</summary>
    private void Record(ReadOnlySpan<double> population, int region, int yearIndex, int slot, bool aggregate)
    {
        Indicators(population);
        Store(_indicators, region, yearIndex, slot);
        if (aggregate)
        {
            var sum = _sumOfRegions.AsSpan(yearIndex * _indicators.Length, _indicators.Length);
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += _indicators[i];
            }
        }
    }

    private void RecordAll(double[] populations, int yearIndex, int slot)
    {
        var cells = _input.Layout.CellCount;
        var count = _input.Regions.Count;
        var aggregate = _seriesRegions > count;
        if (aggregate)
        {
            _sumOfRegions.AsSpan(yearIndex * _indicators.Length, _indicators.Length).Clear();
        }

        for (var r = 0; r < count; r++)
        {
            Record(populations.AsSpan(r * cells, cells), r, yearIndex, slot, aggregate);
        }

        if (aggregate)
        {
            Store(_sumOfRegions.AsSpan(yearIndex * _indicators.Length, _indicators.Length), count, yearIndex, slot);
        }
    }

    /// <summary>The total and each age group of a population, from one running sum over ages (both sexes).</summary>
    private void Indicators(ReadOnlySpan<double> population)
    {
        var ages = _cumulative.Length;
        ref var men = ref MemoryMarshal.GetReference(population);
        ref var women = ref Unsafe.Add(ref men, ages);
        ref var cumulative = ref MemoryMarshal.GetArrayDataReference(_cumulative);
        if (population.Length < 2 * ages)
        {
            throw new ArgumentException("A population holds both sexes' ages.", nameof(population));
        }

        var running = 0.0;
        for (var age = 0; age < ages; age++)
        {
            running += Unsafe.Add(ref men, age) + Unsafe.Add(ref women, age);
            Unsafe.Add(ref cumulative, age) = running;
        }

        _indicators[0] = running;
        if (_cumulativeBySex.Length > 0)
        {
            for (var s = 0; s < 2; s++)
            {
                var bySex = 0.0;
                for (var age = 0; age < ages; age++)
                {
                    bySex += population[(s * ages) + age];
                    _cumulativeBySex[(s * ages) + age] = bySex;
                }
            }
        }

        for (var g = 0; g < _groupFrom.Length; g++)
        {
            var from = _groupFrom[g];
            var sex = _groupSex[g];
            _indicators[g + 1] = sex < 0
                ? _cumulative[_groupTo[g]] - (from > 0 ? _cumulative[from - 1] : 0)
                : _cumulativeBySex[(sex * ages) + _groupTo[g]] - (from > 0 ? _cumulativeBySex[(sex * ages) + from - 1] : 0);
        }
    }

    private void Store(ReadOnlySpan<double> indicators, int seriesRegion, int yearIndex, int slot)
    {
        // Region-major: a region's years follow each other, so that projecting one region through its years writes one stretch of memory.
        var at = (slot * _seriesCount) + (((seriesRegion * (_scenario.Horizon + 1)) + yearIndex) * indicators.Length);
        for (var i = 0; i < indicators.Length; i++)
        {
            _block[at + i] = (float)indicators[i];
        }
    }

    /// <summary>One year's deviations of log fertility, log mortality and net migration per inhabitant.</summary>
    internal readonly record struct Deviation(double Fertility, double Mortality, double Migration);

    /// <summary>A region's factors for a year: fertility, mortality and the four flows.</summary>
    private readonly record struct Factors(double Fertility, double Mortality, double DomesticIn, double DomesticOut, double Immigration, double Emigration);
}
