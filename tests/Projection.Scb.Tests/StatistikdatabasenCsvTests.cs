using System.Text;
using Projection.Application;
using Projection.Core;
using Projection.Store;

namespace Projection.Scb.Tests;

/// <summary>CSV files as Statistikdatabasen's download page writes them (PxWeb's CSV serializer: title, heading, stub rows, footnotes).</summary>
public class StatistikdatabasenCsvTests
{
    private const string PopulationWithTitle = """
        "Folkmängden per region, ålder och kön. År 2023 - 2024"

        "region","ålder","kön","2023","2024"
        "1904 Skinnskatteberg","0 år","män",18,21
        "1904 Skinnskatteberg","0 år","kvinnor",20,17
        "1904 Skinnskatteberg","100+ år","män",0,..
        "1904 Skinnskatteberg","100+ år","kvinnor",1,2
        "1980 Västerås","0 år","män",850,838
        "1980 Västerås","0 år","kvinnor",802,791
        "1980 Västerås","100+ år","män",9,11
        "1980 Västerås","100+ år","kvinnor",41,44

        "Fotnot: Fr o m 2007-01-01 överförs Heby kommun från Västmanlands län till Uppsala län."
        """;

    private static ScbTable Parse(string text, string? name = "population", Encoding? encoding = null) =>
        StatistikdatabasenCsv.Parse((encoding ?? Encoding.UTF8).GetBytes(text), "population-19.csv", name);

    [Test]
    public void A_download_with_title_heading_and_footnote_reads_into_SCBs_codes()
    {
        var table = Parse(PopulationWithTitle);

        Assert.That(table.Label, Is.EqualTo("Folkmängden per region, ålder och kön. År 2023 - 2024"));
        Assert.That(table.Dimensions.Select(d => d.Id), Is.EqualTo(new[] { "Region", "Alder", "Kon", "ContentsCode", "Tid" }));
        Assert.That(table.Dimension("Region").Codes, Is.EqualTo(new[] { "1904", "1980" }));
        Assert.That(table.Dimension("Region").Labels["1980"], Is.EqualTo("Västerås"));
        Assert.That(table.Dimension("Alder").Codes, Is.EqualTo(new[] { "0", "100+" }));
        Assert.That(table.Values[table.IndexOf(["1980", "100+", "2", "BE0101N1", "2024"])], Is.EqualTo(44));
        Assert.That(table.Values[table.IndexOf(["1904", "0", "1", "BE0101N1", "2023"])], Is.EqualTo(18));
        var missing = table.IndexOf(["1904", "100+", "1", "BE0101N1", "2024"]);
        Assert.That(table.Values[missing], Is.NaN);
        Assert.That(table.Status[missing], Is.EqualTo(".."));
        Assert.That(table.Notes.Single(), Does.StartWith("Fotnot: Fr o m 2007-01-01"));
        Assert.That(StatistikdatabasenCsv.SourceNameOf(table), Is.EqualTo("population"));
    }

    [Test]
    public void Semicolons_decimal_commas_and_Windows_1252_read_the_same_as_commas_in_UTF8()
    {
        var semicolon = PopulationWithTitle.Replace("\",\"", "\";\"", StringComparison.Ordinal).Replace("\",", "\";", StringComparison.Ordinal)
            .Replace(",..", ";..", StringComparison.Ordinal);
        semicolon = string.Join('\n', semicolon.Split('\n').Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"(\d),(\d)", "$1;$2")));

        var fromComma = Parse(PopulationWithTitle);
        var fromSemicolon = Parse(semicolon, encoding: Encoding.Latin1);

        Assert.That(fromSemicolon.Dimension("Region").Labels["1980"], Is.EqualTo("Västerås"));
        Assert.That(JsonStat2.Write(fromSemicolon with { TableId = fromComma.TableId }), Is.EqualTo(JsonStat2.Write(fromComma)));
        var decimalComma = Parse("\"region\";\"år\";\"Folkmängd\"\n\"1980 Västerås\";\"2024\";\"160 634,0\"\n");
        Assert.That(decimalComma.Values.Single(), Is.EqualTo(160634));
    }

    [Test]
    public void Migration_with_contents_in_the_heading_becomes_SCBs_four_flows()
    {
        const string csv = """
            region	ålder	kön	år	Inrikes inflyttningar	Inrikes utflyttningar	Invandringar	Utvandringar
            1980 Västerås	25 år	kvinnor	2024	310	295	64	22
            1980 Västerås	25 år	män	2024	288	301	71	25
            """;
        var table = StatistikdatabasenCsv.Parse(Encoding.UTF8.GetBytes(csv), "flyttningar.csv", null);

        Assert.That(StatistikdatabasenCsv.SourceNameOf(table), Is.EqualTo("migration"));
        Assert.That(table.Dimension("ContentsCode").Codes, Is.EqualTo(new[] { "BE0101A2", "BE0101A3", "BE0101AX", "BE0101AY" }));
        Assert.That(table.Values[table.IndexOf(["1980", "25", "1", "BE0101AX", "2024"])], Is.EqualTo(71));

        var observed = StoredStatistics.ToObserved([new StoredTable("migration", "19", "imported", "flyttningar.csv", null, DateTimeOffset.UnixEpoch, "", table)], PopulationLayout.Default);
        var flows = observed["1980"].Migration[2024];
        Assert.That(flows.Immigration[PopulationLayout.Default.Index(Sex.Female, 25)], Is.EqualTo(64));
        Assert.That(flows.DomesticOut[PopulationLayout.Default.Index(Sex.Male, 25)], Is.EqualTo(301));
    }

    [Test]
    public void Births_by_mothers_age_with_SCBs_edge_groups_and_unknown_age_reach_estimation()
    {
        const string csv = """
            "region","moderns ålder","barnets kön","2024"
            "1980 Västerås","-14 år","pojkar",0
            "1980 Västerås","-14 år","flickor",1
            "1980 Västerås","30 år","pojkar",60
            "1980 Västerås","30 år","flickor",58
            "1980 Västerås","49+ år","pojkar",1
            "1980 Västerås","49+ år","flickor",0
            "1980 Västerås","uppgift saknas","pojkar",0
            "1980 Västerås","uppgift saknas","flickor",0
            """;
        var table = StatistikdatabasenCsv.Parse(Encoding.UTF8.GetBytes(csv), "births-19.csv", "births");

        Assert.That(table.Dimension("AlderModer").Codes, Is.EqualTo(new[] { "-14", "30", "49+", "us" }));
        var observed = StoredStatistics.ToObserved([new StoredTable("births", "19", "imported", "births-19.csv", null, DateTimeOffset.UnixEpoch, "", table)], PopulationLayout.Default);
        Assert.That(observed["1980"].BirthsBySex[2024], Is.EqualTo(new[] { 61.0, 59.0 }));
        Assert.That(observed["1980"].BirthsByMotherAge[2024][30], Is.EqualTo(118));
    }

    [Test]
    public void Rows_of_totals_are_left_out_so_that_nobody_is_counted_twice()
    {
        const string csv = """
            "region","ålder","kön","2024"
            "1980 Västerås","0 år","män",838
            "1980 Västerås","0 år","kvinnor",791
            "1980 Västerås","totalt ålder","män",80000
            "1980 Västerås","totalt ålder","kvinnor",80634
            """;
        var table = Parse(csv);

        Assert.That(table.Dimension("Alder").Codes, Is.EqualTo(new[] { "0" }));
        Assert.That(table.Values.Sum(), Is.EqualTo(838 + 791));
    }

    [TestCase("\"region\",\"ålder\",\"kön\",\"2024\"\n\"1980 Västerås\",\"0 år\",\"män\",838\n\"1980 Västerås\",\"0 år\",\"kvinnor\"\n", "line 3: 3 fields where the heading has 4")]
    [TestCase("\"region\",\"ålder\",\"kön\",\"2024\"\n\"1980 Västerås\",\"0 år\",\"män\",838\n\"1980 Västerås\",\"1 år\",\"kvinnor\",12\n", "no value for Region 1980, Alder 0, Kon 2")]
    [TestCase("\"region\",\"ålder\",\"kön\",\"2024\"\n\"Västerås\",\"0 år\",\"män\",838\n", "line 2, column 1: region 'Västerås' carries no code")]
    [TestCase("\"region\",\"utbildningsnivå\",\"2024\"\n\"1980 Västerås\",\"eftergymnasial\",838\n", "line 1, column 2: 'utbildningsnivå' is neither a year nor a variable the service reads")]
    [TestCase("\"region\",\"ålder\",\"2024\"\n\"1980 Västerås\",\"0 år\",8x8\n", "line 2, column 3: '8x8' is not a number")]
    [TestCase("\"region\",\"ålder\",\"2024\"\n\"1980 Västerås\",\"0 år\",838\n\"1980 Västerås\",\"0 år\",839\n", "line 3: the same cell as line 2")]
    [TestCase("\"region\",\"Medelålder 2024\"\n\"1980 Västerås\",41.2\n", "'Medelålder' is not a content the service reads")]
    [TestCase("\"region\",\"ålder\",\"2024\"\n\"1980 Västerås\",\"0 år\",838\n\"1980 Västerås,\"1 år\",839\n", "line 3: a quoted field is not closed")]
    [TestCase("<!DOCTYPE html><html><body>Sidan finns inte</body></html>", "looks like HTML")]
    [TestCase("\"ålder\",\"2024\"\n\"0 år\",838\n", "the first column must be region")]
    public void A_file_that_is_not_a_whole_table_is_refused_naming_the_file_and_line(string csv, string reason)
    {
        var error = Assert.Throws<ScbFormatException>(() => Parse(csv));
        Assert.That(error!.Message, Does.StartWith("population-19.csv").And.Contain(reason));
    }

    [Test]
    public void Years_alone_do_not_say_what_a_file_counts_unless_its_name_does()
    {
        const string csv = "\"region\",\"ålder\",\"kön\",\"2024\"\n\"1980 Västerås\",\"30 år\",\"män\",3\n";

        var error = Assert.Throws<ScbFormatException>(() => StatistikdatabasenCsv.Parse(Encoding.UTF8.GetBytes(csv), "nedladdning.csv", null));
        Assert.That(error!.Message, Does.Contain("does not say what it counts"));
        Assert.That(StatistikdatabasenCsv.Parse(Encoding.UTF8.GetBytes(csv), "deaths-19.csv", "deaths").Dimension("ContentsCode").Codes.Single(), Is.EqualTo("BE0101D9"));
    }

    [Test]
    public void The_code_layout_with_content_and_year_in_the_heading_reads_as_SCBs_codes()
    {
        var csv = "\"Region\",\"Alder\",\"Kon\",\"BE0101N1 2006\",\"BE0101N1 2007\"\r\n\"2580\",\"100+\",\"2\",12,14\r\n\"2580\",\"100+\",\"1\",3,4\r\n";

        var table = StatistikdatabasenCsv.Parse(Encoding.UTF8.GetBytes(csv), "population-25.csv", null);

        Assert.That(table.Dimension("ContentsCode").Codes, Is.EqualTo(new[] { "BE0101N1" }), "BE0101N1's digits are not a year");
        Assert.That(table.Dimension("Tid").Codes, Is.EqualTo(new[] { "2006", "2007" }));
        Assert.That(table.Values[table.IndexOf(["2580", "100+", "2", "BE0101N1", "2007"])], Is.EqualTo(14));
        Assert.That(StatistikdatabasenCsv.SourceNameOf(table), Is.EqualTo("population"));
    }

    [Test]
    public void Marital_status_is_summed_over_and_the_reading_says_so_while_its_totals_row_is_not_counted_again()
    {
        var csv = "Region,Civilstand,Alder,Kon,BE0101N1 2024\n1980,OG,30,1,600\n1980,G,30,1,350\n1980,SK,30,1,40\n1980,ÄNKL,30,1,10\n1980,totalt,30,1,1000\n";

        var (table, remarks) = StatistikdatabasenCsv.Read(Encoding.UTF8.GetBytes(csv), "population-19.csv", null);

        Assert.That(table.HasDimension("Civilstand"), Is.False);
        Assert.That(table.Values, Is.EqualTo(new[] { 1000.0 }));
        Assert.That(remarks, Has.One.Contains("summed over Civilstand (civilstånd)"));
    }

    [Test]
    public void Deaths_by_age_reached_keep_their_own_content_code()
    {
        var csv = "Region,Alder,Kon,BE0101D8 2024\n1980,85,2,40\n";

        var table = StatistikdatabasenCsv.Parse(Encoding.UTF8.GetBytes(csv), "deaths-19.csv", null);

        Assert.That(table.Dimension("ContentsCode").Codes, Is.EqualTo(new[] { "BE0101D8" }));
        Assert.That(StatistikdatabasenCsv.SourceNameOf(table), Is.EqualTo("deaths"));
    }
}
