namespace Projection.Core;

/// <summary>
/// Runs single trajectories of a stochastic projection, one after another, in buffers allocated
/// once per worker: the yearly loop allocates nothing. Writes each year's indicators (total and
/// age groups of every region and of their sum) into the shared sink at the trajectory's slot.
/// </summary>
internal sealed class TrajectoryWorker
{
    private readonly ProjectionInput _input;
    private readonly Scenario _scenario;
    private readonly UncertaintyModel _model;
    private readonly IReadOnlyList<AgeGroup> _groups;
    private readonly RegionRates[] _rates;
    private readonly double[] _start;
    private readonly double[] _end;
    private readonly StepAssumptions _assumptions;
    private readonly ComponentsOfChange _components;
    private readonly StepWorkspace _workspace;
    private readonly double[] _fertilityDeviation;
    private readonly double[] _mortalityDeviation;
    private readonly double[] _migrationDeviation;
    private readonly double[] _baseTotal;
    private readonly double[] _baseArrivals;
    private readonly double[] _indicators;
    private readonly double[] _sumOfRegions;
    private readonly int _seriesRegions;

    public TrajectoryWorker(ProjectionInput input, Scenario scenario, UncertaintyModel model, IReadOnlyList<AgeGroup> groups, int seriesRegions)
    {
        _input = input;
        _scenario = scenario;
        _model = model;
        _groups = groups;
        _seriesRegions = seriesRegions;
        var layout = input.Layout;
        var count = input.Regions.Count;
        _rates = new RegionRates[count];
        _baseTotal = new double[count];
        _baseArrivals = new double[count];
        for (var r = 0; r < count; r++)
        {
            var region = input.Regions[r];
            _rates[r] = region.Rates;
            _baseTotal[r] = PopulationIndicators.Total(region.BasePopulation);
        }

        _start = new double[count * layout.CellCount];
        _end = new double[count * layout.CellCount];
        _assumptions = new StepAssumptions(count);
        _components = new ComponentsOfChange(layout, count);
        _workspace = new StepWorkspace(layout, count);
        _fertilityDeviation = new double[count + 1];
        _mortalityDeviation = new double[count + 1];
        _migrationDeviation = new double[count + 1];
        _indicators = new double[groups.Count];
        _sumOfRegions = new double[layout.CellCount];
    }

    /// <summary>Runs trajectory <paramref name="trajectory"/> of <paramref name="trajectories"/> and writes its indicators into <paramref name="sink"/>.</summary>
    public void Run(ulong seed, int trajectory, int trajectories, float[] sink)
    {
        var layout = _input.Layout;
        var regions = _input.Regions;
        var count = regions.Count;
        var random = new TrajectoryRandom(seed, trajectory);
        for (var r = 0; r < count; r++)
        {
            regions[r].BasePopulation.AsSpan().CopyTo(_start.AsSpan(r * layout.CellCount, layout.CellCount));
        }

        Array.Clear(_fertilityDeviation);
        Array.Clear(_mortalityDeviation);
        Array.Clear(_migrationDeviation);
        var start = _start;
        var end = _end;
        Record(start, 0, trajectory, trajectories, sink);
        for (var t = 1; t <= _scenario.Horizon; t++)
        {
            _assumptions.SetYear(_scenario, regions, t);

            // Index count holds the national deviation; 0..count − 1 the regional ones. The draw order is fixed: national, then each region.
            _fertilityDeviation[count] = _model.FertilityNational.Next(_fertilityDeviation[count], random.NextNormal());
            _mortalityDeviation[count] = _model.MortalityNational.Next(_mortalityDeviation[count], random.NextNormal());
            _migrationDeviation[count] = _model.MigrationNational.Next(_migrationDeviation[count], random.NextNormal());
            for (var r = 0; r < count; r++)
            {
                _fertilityDeviation[r] = _model.FertilityRegional.Next(_fertilityDeviation[r], random.NextNormal());
                _mortalityDeviation[r] = _model.MortalityRegional.Next(_mortalityDeviation[r], random.NextNormal());
                _migrationDeviation[r] = _model.MigrationRegional.Next(_migrationDeviation[r], random.NextNormal());
                _assumptions.FertilityFactor[r] *= Math.Exp(_fertilityDeviation[count] + _fertilityDeviation[r]);
                _assumptions.MortalityFactor[r] *= Math.Exp(_mortalityDeviation[count] + _mortalityDeviation[r]);
                var arrivals = Arrivals(r);
                if (arrivals > 0)
                {
                    // Extra (or fewer) arrivals of deviation × base population, in the age and sex pattern of the region's arrivals; never below none.
                    var factor = Math.Max(0, 1 + ((_migrationDeviation[count] + _migrationDeviation[r]) * _baseTotal[r] / arrivals));
                    _assumptions.DomesticInFactor[r] *= factor;
                    _assumptions.ImmigrationFactor[r] *= factor;
                }
            }

            ProjectionStep.Advance(layout, _rates, _assumptions, start, end, _components, _workspace);
            Record(end, t, trajectory, trajectories, sink);
            (start, end) = (end, start);
        }
    }

    private double Arrivals(int region)
    {
        var rate = _rates[region];
        var domestic = 0.0;
        var immigrants = 0.0;
        for (var c = 0; c < rate.DomesticInMigration.Length; c++)
        {
            domestic += rate.DomesticInMigration[c];
            immigrants += rate.Immigration[c];
        }

        return (domestic * _assumptions.DomesticInFactor[region]) + (immigrants * _assumptions.ImmigrationFactor[region]);
    }

    private void Record(double[] populations, int yearIndex, int trajectory, int trajectories, float[] sink)
    {
        var layout = _input.Layout;
        var count = _input.Regions.Count;
        var indicatorCount = _groups.Count + 1;
        var years = _scenario.Horizon + 1;
        Array.Clear(_sumOfRegions);
        for (var r = 0; r < count; r++)
        {
            var population = populations.AsSpan(r * layout.CellCount, layout.CellCount);
            Write(population, r);
            if (_seriesRegions > count)
            {
                for (var c = 0; c < population.Length; c++)
                {
                    _sumOfRegions[c] += population[c];
                }
            }
        }

        if (_seriesRegions > count)
        {
            Write(_sumOfRegions, count);
        }

        void Write(ReadOnlySpan<double> population, int seriesRegion)
        {
            PopulationIndicators.AgeGroupTotals(population, layout, _groups, _indicators);
            var series = seriesRegion * indicatorCount * years;
            sink[((long)(series + yearIndex) * trajectories) + trajectory] = (float)PopulationIndicators.Total(population);
            for (var g = 0; g < _groups.Count; g++)
            {
                sink[((long)(series + ((g + 1) * years) + yearIndex) * trajectories) + trajectory] = (float)_indicators[g];
            }
        }
    }
}
