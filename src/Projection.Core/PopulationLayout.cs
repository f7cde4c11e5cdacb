namespace Projection.Core;

/// <summary>
/// How one region's population is laid out in a flat array: sex-major, then single-year age
/// 0..ω, where ω is an open-ended group (ω = 100 means "100 and older", as SCB publishes).
/// Index = sex × (ω + 1) + age. Several regions are stored region-major, one block of
/// <see cref="CellCount"/> values after another.
/// </summary>
public sealed class PopulationLayout : IEquatable<PopulationLayout>
{
    /// <summary>SCB's oldest published single-year group: 100+.</summary>
    public const int DefaultOldestAge = 100;

    /// <summary>The layout SCB's tables use: ages 0..100+.</summary>
    public static PopulationLayout Default { get; } = new(DefaultOldestAge);

    /// <summary>Creates a layout whose last age group, <paramref name="oldestAge"/>, is open-ended.</summary>
    public PopulationLayout(int oldestAge)
    {
        if (oldestAge is < 2 or > 130)
        {
            throw new ArgumentOutOfRangeException(nameof(oldestAge), oldestAge, "The open age group must be between 2 and 130.");
        }

        OldestAge = oldestAge;
    }

    /// <summary>ω: the open-ended oldest age group.</summary>
    public int OldestAge { get; }

    /// <summary>Number of age groups, ω + 1.</summary>
    public int AgeCount => OldestAge + 1;

    /// <summary>Number of cells for one region: two sexes × ages.</summary>
    public int CellCount => 2 * AgeCount;

    /// <summary>The flat index of (sex, age) within one region's block.</summary>
    public int Index(Sex sex, int age) => ((int)sex * AgeCount) + age;

    /// <summary>The flat index of the first cell of <paramref name="sex"/>.</summary>
    public int SexOffset(Sex sex) => (int)sex * AgeCount;

    /// <summary>Allocates a zeroed population array for <paramref name="regionCount"/> regions.</summary>
    public double[] NewPopulation(int regionCount = 1) => new double[regionCount * CellCount];

    public bool Equals(PopulationLayout? other) => other is not null && other.OldestAge == OldestAge;

    public override bool Equals(object? obj) => Equals(obj as PopulationLayout);

    public override int GetHashCode() => OldestAge;
}
