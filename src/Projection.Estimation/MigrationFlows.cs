namespace Projection.Estimation;

/// <summary>Gross migration flows of one region and year by sex and age reached (SCB BE0101J, Flyttningar97).</summary>
public sealed record MigrationFlows(double[] DomesticIn, double[] DomesticOut, double[] Immigration, double[] Emigration);
