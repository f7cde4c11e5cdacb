using Microsoft.ML.Data;

namespace Projection.Migration;

/// <summary>
/// One training or prediction row: what is known about a region's migration in an age group at
/// a base year, and (for training) its net migration rate h years later. Rates are net migrants
/// per 1,000 person-years.
/// </summary>
public sealed class MigrationExample
{
    /// <summary>Region code (not a feature: the model must carry to regions it has not seen).</summary>
    public string Region { get; set; } = "";

    /// <summary>The base year (not a feature).</summary>
    public int BaseYear { get; set; }

    /// <summary>Years after the base year, 1..5.</summary>
    public float Horizon { get; set; }

    /// <summary>The age group's position in NetMigrationHistory.Groups.</summary>
    public float AgeGroup { get; set; }

    /// <summary>The rate in the base year.</summary>
    public float Last { get; set; }

    /// <summary>Mean rate of the five years to the base.</summary>
    public float Mean5 { get; set; }

    /// <summary>Mean rate of the ten years to the base.</summary>
    public float Mean10 { get; set; }

    /// <summary>Least-squares slope of the rate over the ten years to the base, per year.</summary>
    public float Slope10 { get; set; }

    /// <summary>The nation's rate in the age group in the base year.</summary>
    public float NationalLast { get; set; }

    /// <summary>The nation's mean rate of the five years to the base.</summary>
    public float NationalMean5 { get; set; }

    /// <summary>Natural log of the region's population at the base.</summary>
    public float LogPopulation { get; set; }

    /// <summary>The age group's share of the region's population at the base.</summary>
    public float GroupShare { get; set; }

    /// <summary>The region's yearly population growth over the five years to the base (log ratio / 5).</summary>
    public float Growth5 { get; set; }

    /// <summary>The rate h years after the base: the label.</summary>
    [ColumnName("Label")]
    public float Target { get; set; }

    /// <summary>The names of the feature columns, in order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        [nameof(Horizon), nameof(AgeGroup), nameof(Last), nameof(Mean5), nameof(Mean10), nameof(Slope10), nameof(NationalLast), nameof(NationalMean5), nameof(LogPopulation), nameof(GroupShare), nameof(Growth5)];
}

/// <summary>A prediction: the model's rate.</summary>
public sealed class MigrationPrediction
{
    [ColumnName("Score")]
    public float Rate { get; set; }
}
