namespace Projection.Application.Tests;

public class RegionNamesTests
{
    private static readonly (string Code, string Name)[] Regions = [("19", "Västmanlands län"), ("1980", "Västerås"), ("1983", "Köping"), ("1904", "Skinnskatteberg")];

    [TestCase("1980", "1980")]
    [TestCase("Västerås", "1980")]
    [TestCase("vasteras", "1980")]
    [TestCase("VÄSTERÅS", "1980")]
    [TestCase(" Västerås kommun ", "1980")]
    [TestCase("koping", "1983")]
    [TestCase("Västmanlands län", "19")]
    [TestCase("västmanland", "19")]
    public void A_region_is_found_by_its_code_or_its_name_as_people_write_it(string text, string code) =>
        Assert.That(RegionNames.Find(text, Regions), Is.EqualTo(code));

    [TestCase("Vesteros")]
    [TestCase("1999")]
    [TestCase("")]
    public void What_names_no_region_is_not_guessed(string text) =>
        Assert.That(RegionNames.Find(text, Regions), Is.Null);

    [Test]
    public void An_unknown_name_is_answered_with_the_nearest_first() =>
        Assert.That(RegionNames.Nearest("Vesteros", Regions, 2)[0], Is.EqualTo("Västerås (1980)"));
}
