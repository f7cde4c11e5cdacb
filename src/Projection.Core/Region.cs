namespace Projection.Core;

/// <summary>A region of the projection: SCB's code (e.g. 1980), its name, and its population at the base year's end.</summary>
/// <param name="Code">SCB region code: two digits for a county (län), four for a municipality (kommun).</param>
/// <param name="Name">Name as SCB writes it, e.g. Västerås.</param>
/// <param name="BasePopulation">Folkmängd on 31 December of the base year, by <see cref="PopulationLayout.Index"/>.</param>
/// <param name="Rates">The region's rates and flows.</param>
public sealed record Region(string Code, string Name, double[] BasePopulation, RegionRates Rates)
{
    /// <summary>Whether the code is a municipality's (four digits): its migration varies more than a county's (<see cref="UncertaintyModel.MigrationLocal"/>).</summary>
    public bool IsMunicipality => IsMunicipalityCode(Code);

    /// <summary>Whether <paramref name="code"/> is a municipality's SCB code (four digits; a county's has two).</summary>
    public static bool IsMunicipalityCode(string code) => code is { Length: 4 } && code.All(char.IsAsciiDigit);

    /// <summary>Whether <paramref name="code"/> is a county's SCB code (two digits, not Sweden's 00).</summary>
    public static bool IsCountyCode(string code) => code is { Length: 2 } && code.All(char.IsAsciiDigit) && code != "00";
}
