namespace Projection.Core.Tests;

/// <summary>Small builder for region rates and populations in tests: constant schedules, then overrides by (sex, age).</summary>
internal sealed class RatesBuilder(PopulationLayout layout)
{
    private readonly double[] _mortality = new double[layout.CellCount];
    private readonly double[] _fertility = new double[layout.AgeCount];
    private readonly double[] _out = new double[layout.CellCount];
    private readonly double[] _emigration = new double[layout.CellCount];
    private readonly double[] _in = new double[layout.CellCount];
    private readonly double[] _immigration = new double[layout.CellCount];
    private double _sexRatio = RegionRates.DefaultSexRatioAtBirth;
    private double _internalShare;
    private double _destinationShare;

    public RatesBuilder Mortality(Sex sex, int age, double rate)
    {
        _mortality[layout.Index(sex, age)] = rate;
        return this;
    }

    public RatesBuilder Mortality(double rate)
    {
        Array.Fill(_mortality, rate);
        return this;
    }

    public RatesBuilder Fertility(int age, double rate)
    {
        _fertility[age] = rate;
        return this;
    }

    public RatesBuilder DomesticOut(Sex sex, int age, double rate)
    {
        _out[layout.Index(sex, age)] = rate;
        return this;
    }

    public RatesBuilder DomesticOut(double rate)
    {
        Array.Fill(_out, rate);
        return this;
    }

    public RatesBuilder Emigration(double rate)
    {
        Array.Fill(_emigration, rate);
        return this;
    }

    public RatesBuilder Immigrants(Sex sex, int age, double count)
    {
        _immigration[layout.Index(sex, age)] = count;
        return this;
    }

    public RatesBuilder SexRatio(double boysPerGirl)
    {
        _sexRatio = boysPerGirl;
        return this;
    }

    public RatesBuilder Internal(double share, double destinationShare)
    {
        _internalShare = share;
        _destinationShare = destinationShare;
        return this;
    }

    public RegionRates Build() => new()
    {
        Mortality = (double[])_mortality.Clone(),
        Fertility = (double[])_fertility.Clone(),
        DomesticOutMigration = (double[])_out.Clone(),
        Emigration = (double[])_emigration.Clone(),
        DomesticInMigration = (double[])_in.Clone(),
        Immigration = (double[])_immigration.Clone(),
        SexRatioAtBirth = _sexRatio,
        InternalMigrationShare = _internalShare,
        InternalDestinationShare = _destinationShare,
    };

    public static double[] Population(PopulationLayout layout, double[] men, double[] women)
    {
        var population = layout.NewPopulation();
        men.CopyTo(population, layout.SexOffset(Sex.Male));
        women.CopyTo(population, layout.SexOffset(Sex.Female));
        return population;
    }
}
