namespace Projection.Core;

/// <summary>Multipliers on each migration flow of a scenario: 1 keeps the base level.</summary>
public sealed record MigrationAssumption
{
    /// <summary>Multiplier on domestic in-migrants from outside the projected set (inflyttade).</summary>
    public double DomesticIn { get; init; } = 1;

    /// <summary>Multiplier on domestic out-migration rates (utflyttade); also drives moves within the set.</summary>
    public double DomesticOut { get; init; } = 1;

    /// <summary>Multiplier on immigrants (invandrade).</summary>
    public double Immigration { get; init; } = 1;

    /// <summary>Multiplier on emigration rates (utvandrade).</summary>
    public double Emigration { get; init; } = 1;

    internal void Validate(ValidationErrors errors)
    {
        errors.RequireInRange("migration.domesticIn", DomesticIn, 0, 5);
        errors.RequireInRange("migration.domesticOut", DomesticOut, 0, 5);
        errors.RequireInRange("migration.immigration", Immigration, 0, 5);
        errors.RequireInRange("migration.emigration", Emigration, 0, 5);
    }
}
