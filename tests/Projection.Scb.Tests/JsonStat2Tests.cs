namespace Projection.Scb.Tests;

public class JsonStat2Tests
{
    private static string Recorded(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", name));

    [Test]
    public void A_recorded_v2_response_of_TAB638_reads_as_one_cell_of_BE0101N1()
    {
        var table = JsonStat2.Parse(Recorded("v2-TAB638-data.json"), "TAB638");

        Assert.That(table.TableId, Is.EqualTo("TAB638"));
        Assert.That(table.Dimensions.Select(d => d.Id), Is.EqualTo(new[] { "Region", "Civilstand", "Alder", "Kon", "ContentsCode", "Tid" }));
        Assert.That(table.Values, Is.EqualTo(new[] { 50937.0 }));
        Assert.That(table.Dimension("Region").Labels["00"], Is.EqualTo("Riket"));
        Assert.That(table.Dimension("Region").Elimination, Is.True);
        Assert.That(table.Dimension("Civilstand").Elimination, Is.False);
        Assert.That(table.Updated, Is.EqualTo(new DateTimeOffset(2025, 2, 21, 7, 0, 0, TimeSpan.Zero)));
        Assert.That(table.Notes[0], Does.StartWith("Fr o m 2007-01-01 överförs Heby kommun"));
    }

    [Test]
    public void A_recorded_v1_response_in_the_older_json_stat_form_reads_too()
    {
        var table = JsonStat2.Parse(Recorded("v1-BefolkningNy-data.json"), "BefolkningNy");

        Assert.That(table.TableId, Is.EqualTo("TAB638"));
        Assert.That(table.Dimensions.Select(d => d.Id), Is.EqualTo(new[] { "Kon", "ContentsCode", "Tid" }));
        Assert.That(table.Values, Is.EqualTo(new[] { 5082662.0 }));
    }

    [Test]
    public void The_recorded_v2_configuration_gives_SCBs_limits()
    {
        var limits = ScbApiLimits.Parse(Recorded("v2-config.json"), "config");
        Assert.That(limits, Is.EqualTo(new ScbApiLimits(150_000, 30, TimeSpan.FromSeconds(10))));
    }

    [Test]
    public void Values_are_row_major_with_the_last_dimension_fastest_and_missing_cells_keep_their_status()
    {
        const string json = """
            {"id":["Region","Tid"],"size":[2,3],
             "dimension":{"Region":{"category":{"index":{"1980":0,"1904":1}}},"Tid":{"category":{"index":["2022","2023","2024"]}}},
             "value":[1,2,3,4,null,6],"status":{"4":".."}}
            """;
        var table = JsonStat2.Parse(json, "test");

        Assert.That(table.Values[table.IndexOf(["1904", "2022"])], Is.EqualTo(4));
        Assert.That(table.Values[table.IndexOf(["1980", "2024"])], Is.EqualTo(3));
        Assert.That(table.Values[4], Is.NaN);
        Assert.That(table.Status[4], Is.EqualTo(".."));
    }

    [TestCase("""{"id":["A"],"size":[2],"dimension":{"A":{"category":{"index":{"x":0,"y":1}}}},"value":[1]}""", "1 values where the dimensions promise 2")]
    [TestCase("""{"id":["A"],"size":[2],"dimension":{"A":{"category":{"index":{"x":0,"y":1}}}},"value":[1,""", "not complete JSON")]
    [TestCase("""<!DOCTYPE html><html><body>404</body></html>""", "HTML page")]
    [TestCase("""{"id":["A","B"],"size":[1,1],"dimension":{"A":{"category":{"index":{"x":0}}}},"value":[1]}""", "dimension 'B' is listed")]
    [TestCase("""{"id":["A"],"size":[2],"dimension":{"A":{"category":{"index":{"x":0,"y":5}}}},"value":[1,2]}""", "outside its size")]
    public void A_response_that_is_not_a_whole_table_is_refused_with_a_reason(string json, string reason)
    {
        var error = Assert.Throws<ScbFormatException>(() => JsonStat2.Parse(json, "TAB638 query"));
        Assert.That(error!.Message, Does.StartWith("TAB638 query").And.Contain(reason));
    }
}
