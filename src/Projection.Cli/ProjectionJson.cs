using System.Text.Json;
using System.Text.Json.Serialization;
using Projection.Core;
using Projection.Storage;

namespace Projection.Cli;

/// <summary>The JSON shape of `projection run --format json` that scripts rely on (README: "JSON output").</summary>
internal static class ProjectionJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public sealed record Document(string Region, string RegionName, string Scenario, int BaseYear, Provenance Provenance, IReadOnlyList<YearEntry> Years);

    public sealed record YearEntry(
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
        double MedianAge,
        double DependencyRatio,
        IReadOnlyDictionary<string, double> AgeGroups,
        int CappedCells);

    public static Document Create(string region, string name, string scenario, int baseYear, Provenance provenance, IReadOnlyList<AgeGroup> groups, IReadOnlyList<YearSummary> years) =>
        new(region, name, scenario, baseYear, provenance, years.Select(y => new YearEntry(
            y.Year,
            Round(y.Total),
            Round(y.Men),
            Round(y.Women),
            Round(y.Births),
            Round(y.Deaths),
            Round(y.DomesticIn),
            Round(y.DomesticOut),
            Round(y.Immigration),
            Round(y.Emigration),
            Round(y.MedianAge),
            Math.Round(y.DependencyRatio, 4),
            groups.Select((g, i) => (g.Name, Value: Round(y.AgeGroups[i]))).ToDictionary(p => p.Name, p => p.Value),
            y.CappedCells)).ToList());

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;
}
