namespace Projection.Core;

/// <summary>An age group: ages <see cref="FromAge"/>..<see cref="ToAge"/> inclusive; a null upper bound means "and older".</summary>
public sealed record AgeGroup(string Name, int FromAge, int? ToAge)
{
    /// <summary>One sex only (a pyramid's band); null: both sexes.</summary>
    public Sex? Sex { get; init; }

    /// <summary>The last age the group covers within <paramref name="layout"/>.</summary>
    public int LastAge(PopulationLayout layout) => ToAge is { } to ? Math.Min(to, layout.OldestAge) : layout.OldestAge;
}
