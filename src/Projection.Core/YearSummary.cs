namespace Projection.Core;

/// <summary>
/// One year of a region's projection as planners read it: the population on 31 December by
/// sex and age group, and the components of change during the year (null for the base year,
/// whose flows the projection does not know).
/// </summary>
public sealed record YearSummary(
    int Year,
    double Total,
    double Men,
    double Women,
    double? Births,
    double? Deaths,
    double? DomesticIn,
    double? DomesticOut,
    double? Immigration,
    double? Emigration,
    IReadOnlyList<double> AgeGroups,
    double MedianAge,
    double DependencyRatio,
    int CappedCells);
