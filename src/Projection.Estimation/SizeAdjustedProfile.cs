using Projection.Core;

namespace Projection.Estimation;

/// <summary>
/// A region's ages where only its total is known: its county's structure scaled to its total and
/// corrected, by sex and five-year age band, by how municipalities of its size class differ from
/// their county's structure (small ones are older and have fewer young adults; the largest of a
/// county has its students). The corrections are ratios of sums, real over scaled, over the
/// municipalities of a size class (a regression of the structure on size, by class) and the result
/// is scaled to the total again. docs/accuracy.md ("Starting populations") measures it by
/// leaving each county out of the fit in turn.
/// </summary>
public sealed class SizeAdjustedProfile
{
    /// <summary>The size classes: under 10,000; 10,000–50,000; 50,000 and more (not its county's largest); its county's largest.</summary>
    public const int Classes = 4;

    private const int BandYears = 5;

    private readonly PopulationLayout _layout;

    // [class][cell of the band's first age]: real over scaled, by sex and band.
    private readonly double[][] _ratios;

    private SizeAdjustedProfile(PopulationLayout layout, double[][] ratios)
    {
        _layout = layout;
        _ratios = ratios;
    }

    /// <summary>A municipality's size class from its total and whether it is its county's largest.</summary>
    public static int ClassOf(double total, bool largestOfCounty) => largestOfCounty ? 3 : total < 10_000 ? 0 : total < 50_000 ? 1 : 2;

    /// <summary>
    /// Fits the corrections on municipalities with real ages: each with its real population, its
    /// county's structure (any scale) and its size class. A class with no municipality gets no correction.
    /// </summary>
    public static SizeAdjustedProfile Fit(PopulationLayout layout, IEnumerable<(double[] Real, double[] CountyProfile, int SizeClass)> municipalities)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(municipalities);
        var bands = BandCount(layout);
        var real = new double[Classes][];
        var scaled = new double[Classes][];
        for (var k = 0; k < Classes; k++)
        {
            real[k] = new double[2 * bands];
            scaled[k] = new double[2 * bands];
        }

        foreach (var (population, profile, sizeClass) in municipalities)
        {
            var estimate = Scaled(profile, PopulationIndicators.Total(population));
            for (var s = 0; s < 2; s++)
            {
                for (var age = 0; age <= layout.OldestAge; age++)
                {
                    var c = layout.Index((Sex)s, age);
                    real[sizeClass][(s * bands) + Band(age)] += population[c];
                    scaled[sizeClass][(s * bands) + Band(age)] += estimate[c];
                }
            }
        }

        var ratios = new double[Classes][];
        for (var k = 0; k < Classes; k++)
        {
            ratios[k] = new double[2 * bands];
            for (var b = 0; b < ratios[k].Length; b++)
            {
                ratios[k][b] = scaled[k][b] > 0 && real[k][b] > 0 ? real[k][b] / scaled[k][b] : 1;
            }
        }

        return new SizeAdjustedProfile(layout, ratios);
    }

    /// <summary>The estimate of a region's ages: <paramref name="countyProfile"/> scaled to <paramref name="total"/>, corrected for its size class, scaled to the total again.</summary>
    public double[] Estimate(ReadOnlySpan<double> countyProfile, double total, int sizeClass)
    {
        var bands = BandCount(_layout);
        var estimate = Scaled(countyProfile, total);
        for (var s = 0; s < 2; s++)
        {
            for (var age = 0; age <= _layout.OldestAge; age++)
            {
                estimate[_layout.Index((Sex)s, age)] *= _ratios[sizeClass][(s * bands) + Band(age)];
            }
        }

        return Scaled(estimate, total);
    }

    private static int BandCount(PopulationLayout layout) => (layout.OldestAge / BandYears) + 1;

    private static int Band(int age) => age / BandYears;

    private static double[] Scaled(ReadOnlySpan<double> profile, double total)
    {
        var sum = PopulationIndicators.Total(profile);
        var scaled = new double[profile.Length];
        for (var c = 0; c < scaled.Length; c++)
        {
            scaled[c] = sum > 0 ? profile[c] * total / sum : 0;
        }

        return scaled;
    }
}
