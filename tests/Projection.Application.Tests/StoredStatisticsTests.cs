using Projection.Core;
using Projection.Estimation;
using Projection.Files;
using Projection.Scb;
using Projection.Store;
using Projection.Tests;

namespace Projection.Application.Tests;

public class StoredStatisticsTests
{
    [Test]
    public void Series_stored_as_SCB_tables_read_back_as_the_same_observed_statistics()
    {
        using var temporary = new TemporaryStore();
        var path = temporary.Path;
        CountySeriesStore.Write(path, ["19", "00"], 2005);
        var layout = PopulationLayout.Default;
        var fromStore = StoredStatistics.ToObserved(new SourceStore(path).List(), layout);
        var fromFiles = CountySeriesCsv.ReadDirectory(Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/" + CountySeriesCsv.PopulationFile))!, layout);

        foreach (var region in new[] { "19", "00" })
        {
            Assert.That(fromStore[region].Population[2015], Is.EqualTo(fromFiles[region].Population[2015]));
            Assert.That(fromStore[region].DeathsByAgeAtDeath[2010], Is.EqualTo(fromFiles[region].DeathsByAgeAtDeath[2010]));
            Assert.That(fromStore[region].BirthsByMotherAge[2012], Is.EqualTo(fromFiles[region].BirthsByMotherAge[2012]).Within(1e-9));
            Assert.That(fromStore[region].BirthsBySex[2012], Is.EqualTo(fromFiles[region].BirthsBySex[2012]).Within(1e-9));
            var estimated = RateEstimator.Estimate(fromStore[region], 2015, 2015);
            Assert.That(estimated.TotalFertility, Is.EqualTo(RateEstimator.Estimate(fromFiles[region], 2015, 2015).TotalFertility).Within(1e-12));
        }
    }

    [Test]
    public void A_stored_table_without_a_needed_variable_is_refused_naming_it()
    {
        var table = new ScbTable("TAB638", "x", null, [new ScbDimension("Region", "region", ["19"], new Dictionary<string, string>(), true)], [1], new Dictionary<int, string>(), []);
        var stored = new StoredTable("population", "19", "fetched", "q", null, DateTimeOffset.UtcNow, "h", table);

        var error = Assert.Throws<ScbFormatException>(() => StoredStatistics.ToObserved([stored], PopulationLayout.Default));
        Assert.That(error!.Message, Does.Contain("no variable Alder"));
    }

    [Test]
    public void Totals_codes_are_read_as_totals_not_as_ages()
    {
        // Births in 1980 in 2024 by mother's age 30 and 31 and SCB's "tot" (all ages), boys and girls.
        ScbDimension Dimension(string id, params string[] codes) => new(id, id, codes, codes.ToDictionary(c => c, c => c), false);
        var table = new ScbTable(
            "TAB1264",
            "births",
            null,
            [Dimension("Region", "1980"), Dimension("AlderModer", "30", "31", "tot"), Dimension("Kon", "1", "2"), Dimension("ContentsCode", "BE0101E2"), Dimension("Tid", "2024")],
            [10, 11, 20, 21, 30, 32], // 30: 10 + 11, 31: 20 + 21, tot: 30 + 32
            new Dictionary<int, string>(),
            []);
        var stored = new StoredTable("births", "1980", "fetched", "q", null, DateTimeOffset.UtcNow, "h", table);

        var births = StoredStatistics.ToObserved([stored], PopulationLayout.Default)["1980"];

        Assert.That(births.BirthsBySex[2024], Is.EqualTo(new[] { 30.0, 32.0 }), "boys 10 + 20, girls 11 + 21; the totals row not counted again");
        Assert.That(births.BirthsByMotherAge[2024][30], Is.EqualTo(21));
        Assert.That(births.BirthsByMotherAge[2024][31], Is.EqualTo(41));
        Assert.That(births.BirthsByMotherAge[2024].Sum(), Is.EqualTo(62));
    }
}
