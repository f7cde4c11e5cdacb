using System.Numerics;
using System.Runtime.InteropServices;

namespace Projection.Core;

/// <summary>
/// Trajectories of regions without a migration pool, a region at a time, in single-precision
/// lanes (<see cref="TrajectoryLanes"/>): every trajectory of one region is projected, eight to a
/// vector, into that region's series (a few megabytes, in the core's cache), whose quantiles are
/// taken at once; only the sum of regions is carried from region to region. The regions are
/// independent given the national deviations, which are drawn once per trajectory beforehand
/// (<see cref="NationalDeviations(UncertaintyModel, ulong, int, int)"/>); each region draws from its own stream of the trajectory
/// (<see cref="TrajectoryRandom(ulong, long, int)"/>), so that its draws do not depend on the
/// order in which regions are run or on which worker runs them.
/// </summary>
internal sealed partial class TrajectoryWorker
{
    /// <summary>The sum of regions is added up in fixed point (units of 2⁻¹⁶ persons): integer sums do not depend on the order the workers add their regions in.</summary>
    private const double FixedPoint = 65536.0;

    private TrajectoryLanes? _lanes;
    private TrajectoryLanes.Rates[] _laneRates = [];
    // The region's death rates of each year (its rates times the year's change by age), set for each region.
    private float[][] _laneMortality = [];
    private float[] _laneStart = [];
    private float[] _laneEnd = [];
    private double[] _laneNormals = [];
    private double[] _laneRegional = [];
    private float[] _laneScratch = [];
    private Vector<float>[] _laneCumulative = [];
    private Vector<float>[] _laneCumulativeBySex = [];
    private Vector<float>[] _laneIndicators = [];

    // A region's series (index: (year × indicators + indicator) × trajectories + trajectory) and this worker's part of the sum of regions, in the same order.
    private float[] _regionSeries = [];
    private long[] _regionSums = [];

    /// <summary>Whether the trajectories of <paramref name="input"/> can run region by region in lanes: no region sends migrants to another.</summary>
    public static bool RunsInLanes(ProjectionInput input) => input.Regions.All(r => r.Rates.InternalMigrationShare <= 0);

    /// <summary>This worker's part of the sum of regions, in units of 2⁻¹⁶ persons (<see cref="SumsToSeries"/> turns the sum of every worker's parts into values).</summary>
    public long[] RegionSums => _regionSums;

    /// <summary>Every trajectory's national deviations: index trajectory × (horizon + 1) + year, from stream 0 of each trajectory.</summary>
    public static Deviation[] NationalDeviations(UncertaintyModel model, ulong seed, int trajectories, int horizon)
    {
        var deviations = new Deviation[trajectories * (horizon + 1)];
        for (var j = 0; j < trajectories; j++)
        {
            var random = new TrajectoryRandom(seed, j);
            NationalDeviations(model, ref random, deviations.AsSpan(j * (horizon + 1), horizon + 1));
        }

        return deviations;
    }

    /// <summary>The sums of regions of every worker as values, series by series (the layout of <see cref="RegionSums"/>).</summary>
    public static float[] SumsToSeries(IReadOnlyList<long[]> parts)
    {
        var values = new float[parts[0].Length];
        for (var k = 0; k < values.Length; k++)
        {
            var sum = 0L;
            foreach (var part in parts)
            {
                sum += part[k];
            }

            values[k] = (float)(sum / FixedPoint);
        }

        return values;
    }

    /// <summary>
    /// Projects every trajectory of region <paramref name="region"/>, writes the quantiles of its
    /// series into <paramref name="quantiles"/> (laid out as <see cref="ProjectionIntervals"/>
    /// reads them) and adds its indicators to this worker's part of the sum of regions.
    /// </summary>
    public void RunRegion(int region, ulong seed, int trajectories, Deviation[] national, double[] quantiles, CancellationToken cancellationToken)
    {
        PrepareLanes(trajectories);
        var lanes = TrajectoryLanes.Count;
        var horizon = _scenario.Horizon;
        var indicators = _indicators.Length;
        var basePopulation = _input.Regions[region].BasePopulation;
        var rates = _laneRates[region];
        var mortality = _input.Regions[region].Rates.Mortality;
        for (var t = 1; t <= horizon; t++)
        {
            var byAge = _scenarioYears[t].MortalityByAge;
            for (var c = 0; c < mortality.Length; c++)
            {
                _laneMortality[t][c] = (float)(byAge.Length == 0 ? mortality[c] : mortality[c] * byAge[c]);
            }
        }

        // The base year is the same in every trajectory.
        Indicators(basePopulation);
        for (var i = 0; i < indicators; i++)
        {
            var value = (float)_indicators[i];
            _regionSeries.AsSpan(i * trajectories, trajectories).Fill(value);
            if (_regionSums.Length == 0)
            {
                continue;
            }

            var sums = _regionSums.AsSpan(i * trajectories, trajectories);
            var units = ToUnits(value);
            for (var j = 0; j < sums.Length; j++)
            {
                sums[j] += units;
            }
        }

        for (var first = 0; first < trajectories; first += lanes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = _laneStart;
            var end = _laneEnd;
            for (var c = 0; c < basePopulation.Length; c++)
            {
                start.AsSpan(c * lanes, lanes).Fill((float)basePopulation[c]);
            }

            var perLane = NormalsPerLane(region, horizon);
            for (var lane = 0; lane < lanes; lane++)
            {
                // Lanes past the last trajectory run a copy of it and are not kept. Each lane's draws are taken at
                // once, in the order the double path takes them one by one: the regional start, then each year's
                // three, from the region's regional stream (a municipality's county's); then a municipality's
                // local start and one a year, from its own stream.
                var trajectory = Math.Min(first + lane, trajectories - 1);
                var normals = _laneNormals.AsSpan(lane * perLane, perLane);
                new TrajectoryRandom(seed, trajectory, _regionalStream[region]).FillNormals(normals[..RegionalNormals(horizon)]);
                if (perLane > RegionalNormals(horizon))
                {
                    new TrajectoryRandom(seed, trajectory, region + 1).FillNormals(normals[RegionalNormals(horizon)..]);
                }

                _laneRegional[4 * lane] = 0;
                _laneRegional[(4 * lane) + 1] = 0;
                _laneRegional[(4 * lane) + 2] = _model.MigrationRegional.StationaryStart(normals[0]);
                _laneRegional[(4 * lane) + 3] = perLane > RegionalNormals(horizon) ? _local[region].StationaryStart(normals[RegionalNormals(horizon)]) : 0;
            }

            for (var t = 1; t <= horizon; t++)
            {
                var factors = LaneFactors(region, t, national, first, trajectories, perLane);
                _lanes!.Advance(rates, _laneMortality[t], factors, start, end);
                RecordLanes(end, t, first, trajectories);
                (start, end) = (end, start);
            }
        }

        SeriesQuantiles(_regionSeries, trajectories, horizon + 1, indicators, region, _seriesRegions, quantiles);
    }

    /// <summary>
    /// The quantiles of one series region's series (<paramref name="series"/>: index (year ×
    /// indicators + indicator) × trajectories + trajectory, reordered) into <paramref name="quantiles"/>,
    /// laid out as <see cref="ProjectionIntervals"/> reads them.
    /// </summary>
    public static void SeriesQuantiles(float[] series, int trajectories, int years, int indicators, int seriesRegion, int seriesRegions, double[] quantiles)
    {
        var levels = ProjectionIntervals.Levels;
        for (var t = 0; t < years; t++)
        {
            for (var i = 0; i < indicators; i++)
            {
                var at = (((t * seriesRegions) + seriesRegion) * indicators) + i;
                OrderStatistics.Quantiles(series.AsSpan(((t * indicators) + i) * trajectories, trajectories), levels, quantiles.AsSpan(at * levels.Count, levels.Count));
            }
        }
    }

    /// <summary>Sets up the lanes on the first region: each region's rates and each year's mortality change in single precision, and the series buffers.</summary>
    private void PrepareLanes(int trajectories)
    {
        if (_lanes is not null)
        {
            return;
        }

        var lanes = TrajectoryLanes.Count;
        var layout = _layout;
        var years = _scenario.Horizon + 1;
        _lanes = new TrajectoryLanes(layout);
        _laneRates = [.. _rates.Select(r => new TrajectoryLanes.Rates(r))];
        _laneMortality = new float[years][];
        for (var t = 1; t < years; t++)
        {
            _laneMortality[t] = new float[layout.CellCount];
        }

        _laneStart = new float[layout.CellCount * lanes];
        _laneEnd = new float[layout.CellCount * lanes];
        _laneNormals = new double[lanes * (RegionalNormals(_scenario.Horizon) + 1 + _scenario.Horizon)];
        _laneRegional = new double[4 * lanes];
        _laneScratch = new float[4 * lanes];
        _laneCumulative = new Vector<float>[layout.AgeCount];
        _laneCumulativeBySex = _cumulativeBySex.Length > 0 ? new Vector<float>[2 * layout.AgeCount] : [];
        _laneIndicators = new Vector<float>[_indicators.Length];
        _regionSeries = new float[years * _indicators.Length * trajectories];
        // A sum of regions only where there is more than one region.
        _regionSums = _seriesRegions > _input.Regions.Count ? new long[_regionSeries.Length] : [];
    }

    /// <summary>Each lane's factors for region <paramref name="region"/> in year <paramref name="t"/>: its draws, then the same <see cref="Deviate"/> as the double path.</summary>
    private TrajectoryLanes.Factors LaneFactors(int region, int t, Deviation[] national, int first, int trajectories, int perLane)
    {
        var lanes = TrajectoryLanes.Count;
        var years = _scenario.Horizon + 1;
        var scratch = _laneScratch;
        var scenario = FactorsOf(_scenarioYears[t], region);
        var local = _local[region];
        var regionalNormals = RegionalNormals(_scenario.Horizon);
        for (var lane = 0; lane < lanes; lane++)
        {
            var drawn = _laneNormals.AsSpan((lane * perLane) + 1 + (3 * (t - 1)), 3);
            var own = _laneRegional.AsSpan(4 * lane, 4);
            own[0] = _model.FertilityRegional.Next(own[0], drawn[0]);
            own[1] = _model.MortalityRegional.Next(own[1], drawn[1]);
            own[2] = _model.MigrationRegional.Next(own[2], drawn[2]);
            own[3] = perLane > regionalNormals ? local.Next(own[3], _laneNormals[(lane * perLane) + regionalNormals + t]) : 0;
            var nation = national[(Math.Min(first + lane, trajectories - 1) * years) + t];
            scratch[lane] = (float)(nation.Fertility + own[0]);
            scratch[lanes + lane] = (float)(nation.Mortality + own[1]);
            scratch[(2 * lanes) + lane] = (float)(nation.Migration + own[2] + own[3]);
        }

        // The same factors as Deviated's, the exponentials taken a vector of lanes at a time: every arrival
        // in the domestic in-migrants' place (factor 1), the deviation in the immigrants' (WithMigrationDeviation).
        return new TrajectoryLanes.Factors
        {
            Fertility = (float)scenario.Fertility * Vector.Exp(new Vector<float>(scratch, 0)),
            Mortality = (float)scenario.Mortality * Vector.Exp(new Vector<float>(scratch, lanes)),
            DomesticIn = Vector<float>.One,
            DomesticOut = new Vector<float>((float)scenario.DomesticOut),
            Immigration = new Vector<float>(scratch, 2 * lanes),
            Emigration = new Vector<float>((float)scenario.Emigration),
        };
    }

    /// <summary>A region's own standard normal draws: its migration deviation's start, then three a year (fertility, mortality, migration).</summary>
    private static int RegionalNormals(int horizon) => 1 + (3 * horizon);

    /// <summary>A lane's draws for region <paramref name="region"/>: the regional ones, then for a municipality its local deviation's start and one a year.</summary>
    private int NormalsPerLane(int region, int horizon) => RegionalNormals(horizon) + (_local[region].InnovationSd > 0 ? 1 + horizon : 0);

    /// <summary>Every lane's indicators of year <paramref name="yearIndex"/> (as <see cref="Indicators"/>, lane-wise) into the region's series and the sum of regions.</summary>
    private void RecordLanes(float[] population, int yearIndex, int first, int trajectories)
    {
        var ages = _layout.AgeCount;
        var cells = MemoryMarshal.Cast<float, Vector<float>>(population.AsSpan());
        var running = Vector<float>.Zero;
        for (var age = 0; age < ages; age++)
        {
            running += cells[age] + cells[ages + age];
            _laneCumulative[age] = running;
        }

        _laneIndicators[0] = running;
        if (_laneCumulativeBySex.Length > 0)
        {
            for (var s = 0; s < 2; s++)
            {
                var bySex = Vector<float>.Zero;
                for (var age = 0; age < ages; age++)
                {
                    bySex += cells[(s * ages) + age];
                    _laneCumulativeBySex[(s * ages) + age] = bySex;
                }
            }
        }

        for (var g = 0; g < _groupFrom.Length; g++)
        {
            var from = _groupFrom[g];
            var sex = _groupSex[g];
            var cumulative = sex < 0 ? _laneCumulative.AsSpan() : _laneCumulativeBySex.AsSpan(sex * ages, ages);
            _laneIndicators[g + 1] = cumulative[_groupTo[g]] - (from > 0 ? cumulative[from - 1] : Vector<float>.Zero);
        }

        var kept = Math.Min(TrajectoryLanes.Count, trajectories - first);
        for (var i = 0; i < _laneIndicators.Length; i++)
        {
            var at = (((yearIndex * _laneIndicators.Length) + i) * trajectories) + first;
            var values = _laneIndicators[i];
            var aggregate = _regionSums.Length > 0;
            var sums = aggregate ? _regionSums.AsSpan(at, kept) : [];
            if (kept == TrajectoryLanes.Count)
            {
                values.CopyTo(_regionSeries.AsSpan(at, kept));
                if (!aggregate)
                {
                    continue;
                }

                // The fixed-point sums, a vector of doubles (exact from floats) at a time: the same truncation as ToUnits.
                Vector.Widen(values, out var low, out var high);
                var units = MemoryMarshal.Cast<long, Vector<long>>(sums);
                units[0] += Vector.ConvertToInt64(low * new Vector<double>(FixedPoint));
                units[1] += Vector.ConvertToInt64(high * new Vector<double>(FixedPoint));
                continue;
            }

            for (var lane = 0; lane < kept; lane++)
            {
                _regionSeries[at + lane] = values[lane];
                if (aggregate)
                {
                    sums[lane] += ToUnits(values[lane]);
                }
            }
        }
    }

    private static long ToUnits(float value) => (long)(value * FixedPoint);
}
