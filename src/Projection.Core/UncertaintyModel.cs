namespace Projection.Core;

/// <summary>
/// How a stochastic trajectory departs from its scenario, year by year. Each component has a
/// national deviation shared by every region of a trajectory and a regional one drawn for each
/// region, so that the sum of regions (a county) keeps the national swings and its interval is
/// not falsely narrow.
/// <list type="bullet">
/// <item>Fertility: x is a log multiplier on the fertility rates.</item>
/// <item>Mortality: x is a log multiplier on the death rates (φ = 1: the level wanders as a random walk around the scenario's trend).</item>
/// <item>Migration: x is a change in the net migration rate (migrants per inhabitant and year), applied as
/// x × the base population more net migrants, spread over ages by the standard schedule of movers
/// (TrajectoryWorker); a municipality adds its own deviation (<see cref="MigrationLocal"/>).</item>
/// </list>
/// The parameters are estimated from SCB's county series (UncertaintyEstimator; models/uncertainty.json, docs/method.md §11).
/// </summary>
public sealed record UncertaintyModel
{
    public AutoregressiveProcess FertilityNational { get; init; }

    public AutoregressiveProcess FertilityRegional { get; init; }

    public AutoregressiveProcess MortalityNational { get; init; }

    public AutoregressiveProcess MortalityRegional { get; init; }

    public AutoregressiveProcess MigrationNational { get; init; }

    public AutoregressiveProcess MigrationRegional { get; init; }

    /// <summary>
    /// A municipality's own migration deviation from its county's (AR(1), in the same units as
    /// <see cref="MigrationRegional"/>), added to the regional one for regions that are
    /// municipalities (<see cref="Region.IsMunicipality"/>): the regional deviation is estimated
    /// on counties, and a small municipality's migration strays much further. Its σ is for a
    /// municipality of <see cref="LocalReferencePopulation"/> people and scales with size
    /// (<see cref="MigrationLocalFor"/>). The default (σ 0) adds nothing.
    /// </summary>
    public AutoregressiveProcess MigrationLocal { get; init; }

    /// <summary>The population whose local σ is <see cref="MigrationLocal"/>'s.</summary>
    public double LocalReferencePopulation { get; init; } = 10_000;

    /// <summary>β in σ(P) = σ × (<see cref="LocalReferencePopulation"/> / P)^β: how much faster small municipalities' migration varies.</summary>
    public double LocalSizeExponent { get; init; }

    /// <summary>
    /// The county (SCB code) whose municipalities' long series gave <see cref="MigrationLocal"/>'s σ
    /// and <see cref="LocalSizeExponent"/>; null when they serve every county. A municipality of
    /// another county takes <see cref="LocalOtherCountiesSd"/> and <see cref="LocalOtherCountiesSizeExponent"/>
    /// instead, where those are given (σ above 0), with the same φ.
    /// </summary>
    public string? LocalCounty { get; init; }

    /// <summary>σ of a municipality of <see cref="LocalReferencePopulation"/> people outside <see cref="LocalCounty"/>; 0: as in it.</summary>
    public double LocalOtherCountiesSd { get; init; }

    /// <summary>β outside <see cref="LocalCounty"/>.</summary>
    public double LocalOtherCountiesSizeExponent { get; init; }

    /// <summary>Where the parameters come from, e.g. "SCB county series 1968–2015 (estimated by projection uncertainty)".</summary>
    public string Source { get; init; } = "";

    /// <summary>How often this model's intervals held what happened in backtests (null when not measured): reported with the intervals, not used to project.</summary>
    public IntervalTrackRecord? TrackRecord { get; init; }

    /// <summary>
    /// The same model with the migration innovations' standard deviations multiplied by
    /// <paramref name="national"/> (the nation's random walk) and <paramref name="regional"/> (each region's AR(1) deviation).
    /// Its <see cref="TrackRecord"/> is dropped: it was measured with other intervals.
    /// </summary>
    public UncertaintyModel WithMigrationScales(double national, double regional) => this with
    {
        MigrationNational = MigrationNational with { InnovationSd = MigrationNational.InnovationSd * national },
        MigrationRegional = MigrationRegional with { InnovationSd = MigrationRegional.InnovationSd * regional },
        TrackRecord = null,
    };

    /// <summary>The local deviation of a municipality of <paramref name="population"/> people in <paramref name="county"/> (none for an empty one).</summary>
    public AutoregressiveProcess MigrationLocalFor(double population, string? county = null)
    {
        if (!(population > 0) || MigrationLocal.InnovationSd <= 0)
        {
            return default;
        }

        var elsewhere = LocalCounty is not null && county is not null && county != LocalCounty && LocalOtherCountiesSd > 0;
        var (sd, exponent) = elsewhere ? (LocalOtherCountiesSd, LocalOtherCountiesSizeExponent) : (MigrationLocal.InnovationSd, LocalSizeExponent);
        return MigrationLocal with { InnovationSd = sd * Math.Pow(LocalReferencePopulation / population, exponent) };
    }

    /// <summary>Throws one <see cref="InvalidInputException"/> naming every parameter out of range.</summary>
    public void Validate()
    {
        var errors = new ValidationErrors();
        FertilityNational.Validate("fertilityNational", errors);
        FertilityRegional.Validate("fertilityRegional", errors);
        MortalityNational.Validate("mortalityNational", errors);
        MortalityRegional.Validate("mortalityRegional", errors);
        MigrationNational.Validate("migrationNational", errors);
        MigrationRegional.Validate("migrationRegional", errors);
        MigrationLocal.Validate("migrationLocal", errors);
        errors.RequireInRange("localReferencePopulation", LocalReferencePopulation, 1, 1e9);
        errors.RequireInRange("localSizeExponent", LocalSizeExponent, 0, 1);
        errors.RequireInRange("localOtherCountiesSd", LocalOtherCountiesSd, 0, 1);
        errors.RequireInRange("localOtherCountiesSizeExponent", LocalOtherCountiesSizeExponent, 0, 1);
        errors.ThrowIfAny();
    }
}
