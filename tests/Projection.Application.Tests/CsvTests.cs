using Projection.Core;
using Projection.Files;

namespace Projection.Application.Tests;

public class CsvTests
{
    private static readonly IReadOnlyList<AgeGroup> Groups = [new("0-5", 0, 5), new("6+", 6, null)];

    private static readonly ProjectionResponse Projection = new(
        "1980",
        "Västerås",
        "main",
        2024,
        new Scenario(),
        [],
        [
            new ProjectionYear(2023, true, 1230, null, null, null, null, null, null, null, null, null, null, null),
            new ProjectionYear(2024, true, 1234.5, 600, 634.5, null, null, null, null, null, null, new Dictionary<string, double> { ["0-5"] = 100.25, ["6+"] = 1134.25 }, 40, 0.7, 0),
            new ProjectionYear(2025, false, 1240.125, 603, 637.125, 12, 10, 30, 25, 5, 1.5, new Dictionary<string, double> { ["0-5"] = 101, ["6+"] = 1139.125 }, null, 0.71, 0),
        ]);

    [Test]
    public void Invariant_CSV_has_the_JSON_columns_with_commas_and_decimal_points()
    {
        var lines = System.Text.Encoding.UTF8.GetString(ProjectionCsv.Write(Projection, swedishExcel: false)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines[0], Is.EqualTo("region,regionName,scenario,year,observed,total,men,women,births,deaths,domesticIn,domesticOut,immigration,emigration,medianAge,dependencyRatio,cappedCells,age 0-5,age 6+"));
        Assert.That(lines[1], Is.EqualTo("1980,Västerås,main,2023,true,1230,,,,,,,,,,,,,"), "an observed year: its total only");
        Assert.That(lines[2], Is.EqualTo("1980,Västerås,main,2024,true,1234.5,600,634.5,,,,,,,40,0.7,0,100.25,1134.25"));
        Assert.That(lines[3], Is.EqualTo("1980,Västerås,main,2025,false,1240.13,603,637.13,12,10,30,25,5,1.5,,0.71,0,101,1139.13"), "an undefined median age is an empty cell");
    }

    [Test]
    public void Swedish_Excel_CSV_has_Swedish_headers_semicolons_whole_persons_and_decimal_commas_after_a_BOM()
    {
        var bytes = ProjectionCsv.Write(Projection, swedishExcel: true);
        var lines = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(bytes.Take(3), Is.EqualTo(System.Text.Encoding.UTF8.Preamble.ToArray()));
        Assert.That(lines[0], Is.EqualTo("Regionkod;Region;Scenario;År;Observerat;Folkmängd;Män;Kvinnor;Födda;Döda;Inflyttade från andra kommuner;Utflyttade till andra kommuner;Invandrade;Utvandrade;Medianålder;Försörjningskvot;Begränsade celler;0-5 år;6+ år"));
        Assert.That(lines[2], Is.EqualTo("1980;Västerås;main;2024;ja;1235;600;635;;;;;;;40;0,7;0;100;1134"), "persons rounded half away from zero to whole numbers; the indicators keep their decimals");
    }

    [TestCase("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [TestCase("+46", "'+46")]
    [TestCase("-1", "'-1")]
    [TestCase("@SUM", "'@SUM")]
    [TestCase("a,b", "\"a,b\"")]
    [TestCase("Västerås", "Västerås")]
    public void Text_cells_are_defused_and_quoted(string text, string expected)
    {
        var written = System.Text.Encoding.UTF8.GetString(CsvCells.Write(',', ["cell"], [[CsvCells.Text(text)]], byteOrderMark: false));

        Assert.That(written, Is.EqualTo("cell\r\n" + expected + "\r\n"));
    }

    [Test]
    public void An_extract_with_a_quoted_name_is_read_and_a_short_row_is_refused_naming_its_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"extract-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "region,region_name,year,sex,age,value,source_id\n1980,\"Västerås, stad\",2024,total,total,160634,S3\n");
            var totals = ScbExtractCsv.ReadTotals(path);
            Assert.That(totals["1980"].Name, Is.EqualTo("Västerås, stad"), "a comma inside quotes is part of the name, not a new field");
            Assert.That(totals["1980"].Totals[2024], Is.EqualTo(160634));

            File.AppendAllText(path, "1981,Sala,2024\n");
            var error = Assert.Throws<InvalidDataFileException>(() => ScbExtractCsv.ReadTotals(path));
            Assert.That(error!.Message, Does.Contain("line 3").And.Contain("expected 7 fields, found 3"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
