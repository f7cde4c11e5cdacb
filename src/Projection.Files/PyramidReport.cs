namespace Projection.Files;

/// <summary>Population by single year of age and sex in one year.</summary>
public sealed record PyramidResponse(string Region, string RegionName, string Scenario, int Year, bool Modeled, IReadOnlyList<PyramidAge> Ages)
{
    /// <summary>With <c>trajectories</c>, the spread of each five-year band by sex in that year (null otherwise, and in the base year).</summary>
    public PyramidUncertainty? Uncertainty { get; init; }
}

/// <summary>The 80 % and 95 % intervals of a pyramid's five-year bands, with what made them.</summary>
/// <param name="Trajectories">Trajectories drawn.</param>
/// <param name="Seed">The random seed: the same seed gives the same intervals.</param>
/// <param name="Model">Where the uncertainty model's parameters come from.</param>
/// <param name="Bands">Five-year bands 0-4 … 95-99 and 100+, each for men and women.</param>
public sealed record PyramidUncertainty(int Trajectories, ulong Seed, string Model, IReadOnlyList<PyramidBand> Bands);

/// <summary>One five-year band of a pyramid: the spread of its men and of its women.</summary>
public sealed record PyramidBand(string Ages, Interval Men, Interval Women);

/// <summary>One age of a pyramid; the last is the open group "100+".</summary>
public sealed record PyramidAge(string Age, double Men, double Women);
