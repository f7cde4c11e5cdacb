using Projection.Core;
using Projection.Files;

namespace Projection.Application.Tests;

public class SummaryCsvTests
{
    private static readonly IReadOnlyList<AgeGroup> Groups = [new("0-5", 0, 5), new("6+", 6, null)];

    private static readonly YearSummary[] Years =
    [
        new(2024, 1234.5, 600, 634.5, null, null, null, null, null, null, [100.25, 1134.25], 40, 0.7, 0),
        new(2025, 1240.125, 603, 637.125, 12, 10, 30, 25, 5, 1.5, [101, 1139.125], 40.5, 0.71, 0),
    ];

    [Test]
    public void Invariant_CSV_uses_commas_and_decimal_points()
    {
        var writer = new StringWriter();
        SummaryCsv.Write(writer, "1980", "main", Groups, Years);
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines[0], Is.EqualTo("region,scenario,year,total,men,women,births,deaths,domesticIn,domesticOut,immigration,emigration,age 0-5,age 6+"));
        Assert.That(lines[1], Is.EqualTo("1980,main,2024,1234.5,600,634.5,,,,,,,100.25,1134.25"));
        Assert.That(lines[2], Is.EqualTo("1980,main,2025,1240.13,603,637.13,12,10,30,25,5,1.5,101,1139.13"));
    }

    [Test]
    public void Swedish_Excel_CSV_uses_semicolons_and_decimal_commas()
    {
        var writer = new StringWriter();
        SummaryCsv.Write(writer, "1980", "main", Groups, Years, swedishExcel: true);
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines[1], Is.EqualTo("1980;main;2024;1234,5;600;634,5;;;;;;;100,25;1134,25"));
    }

    [TestCase("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [TestCase("+46", "'+46")]
    [TestCase("-1", "'-1")]
    [TestCase("@SUM", "'@SUM")]
    [TestCase("a,b", "\"a,b\"")]
    [TestCase("Västerås", "Västerås")]
    public void Text_cells_are_defused_and_quoted(string text, string expected)
    {
        Assert.That(SummaryCsv.Cell(text, ","), Is.EqualTo(expected));
    }
}
