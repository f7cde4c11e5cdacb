namespace Projection.Core;

/// <summary>A region of the projection: SCB's code (e.g. 1980), its name, and its population at the base year's end.</summary>
/// <param name="Code">SCB region code: two digits for a county (län), four for a municipality (kommun).</param>
/// <param name="Name">Name as SCB writes it, e.g. Västerås.</param>
/// <param name="BasePopulation">Folkmängd on 31 December of the base year, by <see cref="PopulationLayout.Index"/>.</param>
/// <param name="Rates">The region's rates and flows.</param>
public sealed record Region(string Code, string Name, double[] BasePopulation, RegionRates Rates);
