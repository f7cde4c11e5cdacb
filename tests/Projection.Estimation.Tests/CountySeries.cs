using Projection.Core;
using Projection.Files;
using Projection.Tests;

namespace Projection.Estimation.Tests;

/// <summary>SCB's county series 1968–2015 from shared/data/scb-county, read once per test run.</summary>
internal static class CountySeries
{
    private static readonly Lazy<IReadOnlyDictionary<string, ObservedStatistics>> Regions = new(() =>
        CountySeriesCsv.ReadDirectory(Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/" + CountySeriesCsv.PopulationFile))!, PopulationLayout.Default));

    /// <summary>Every county and the nation (00).</summary>
    public static IReadOnlyDictionary<string, ObservedStatistics> All()
    {
        SharedData.PathOrIgnore("scb-county/" + CountySeriesCsv.PopulationFile);
        return Regions.Value;
    }

    public static ObservedStatistics Region(string code)
    {
        SharedData.PathOrIgnore("scb-county/" + CountySeriesCsv.PopulationFile);
        return Regions.Value[code];
    }

    /// <summary>The boundary changes a model file lists as REGION:FIRSTYEAR, as (region, first year) pairs.</summary>
    public static List<(string Region, int Year)> Breaks(UncertaintyFile.Document model) =>
        [.. model.Breaks.Select(b => (b.Split(':')[0], int.Parse(b.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)))];
}
