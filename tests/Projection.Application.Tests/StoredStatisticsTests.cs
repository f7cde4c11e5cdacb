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
}
