namespace Projection.Core;

/// <summary>A named set of assumptions over a horizon: fertility, mortality and migration levels.</summary>
public sealed record Scenario
{
    /// <summary>The longest horizon the engine accepts, in years.</summary>
    public const int MaxHorizon = 100;

    /// <summary>The scenario's name, e.g. main, low, high.</summary>
    public string Name { get; init; } = "main";

    /// <summary>Years projected after the base year (1..100).</summary>
    public int Horizon { get; init; } = 30;

    public FertilityAssumption Fertility { get; init; } = new();

    public MortalityAssumption Mortality { get; init; } = new();

    public MigrationAssumption Migration { get; init; } = new();

    /// <summary>Throws one <see cref="InvalidInputException"/> listing every out-of-range assumption.</summary>
    public void Validate()
    {
        var errors = new ValidationErrors();
        CheckInto(errors);
        errors.ThrowIfAny();
    }

    /// <summary>Adds every out-of-range assumption to <paramref name="errors"/>; a valid scenario allocates nothing here.</summary>
    internal void CheckInto(ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("name", "is required.");
        }

        errors.RequireInRange("horizon", Horizon, 1, MaxHorizon);
        if (Fertility is null)
        {
            errors.Add("fertility", "is required.");
        }
        else
        {
            Fertility.Validate(errors);
        }

        if (Mortality is null)
        {
            errors.Add("mortality", "is required.");
        }
        else
        {
            Mortality.Validate(errors);
        }

        if (Migration is null)
        {
            errors.Add("migration", "is required.");
        }
        else
        {
            Migration.Validate(errors);
        }
    }
}
