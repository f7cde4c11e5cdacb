using Projection.Files;
using Projection.Tests;

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

    // Uppsala, Stockholm, Jönköping and Gotland each name a county and its municipality. The one
    // asked for was the county whatever was written ("Uppsala kommun" answered Uppsala län).
    [TestCase("Uppsala", "0380")]
    [TestCase("uppsala kommun", "0380")]
    [TestCase("Uppsala län", "03")]
    [TestCase("uppsala lan", "03")]
    [TestCase("Stockholm", "0180")]
    [TestCase("Stockholms kommun", "0180")]
    [TestCase("Stockholms län", "01")]
    [TestCase("Stockholms", "01")]
    [TestCase("Jönköping", "0680")]
    [TestCase("Jönköpings län", "06")]
    [TestCase("Gotland", "0980")]
    [TestCase("Gotlands län", "09")]
    public void A_name_shared_by_a_county_and_its_municipality_is_the_one_written(string text, string code) =>
        Assert.That(RegionNames.Find(text, Shared), Is.EqualTo(code));

    private static readonly (string Code, string Name)[] Shared =
        [("01", "Stockholms län"), ("0180", "Stockholm"), ("03", "Uppsala län"), ("0380", "Uppsala"), ("06", "Jönköpings län"), ("0680", "Jönköping"), ("09", "Gotlands län"), ("0980", "Gotland")];

    [Test]
    public void Every_county_and_municipality_of_Sweden_is_found_by_its_own_name_and_a_municipality_with_kommun()
    {
        // Every name the service serves, from the seeds (21 counties, 290 municipalities), each
        // written as SCB writes it: no name may lead to another region.
        var seeds = Directory.GetFiles(RepositoryFiles.PathOf("seeds/sweden"), "*.json").Append(RepositoryFiles.PathOf("seeds/vastmanland.json")).Select(SeedFile.Read).ToList();
        var regions = seeds.SelectMany(s => s.Regions.Select(r => (r.Code, r.Name)).Prepend((s.County.Code, s.County.Name))).ToList();
        Assert.That(regions, Has.Count.EqualTo(311));
        foreach (var (code, name) in regions)
        {
            Assert.That(RegionNames.Find(name, regions), Is.EqualTo(code), name);
            if (code.Length == 4)
            {
                Assert.That(RegionNames.Find(name + " kommun", regions), Is.EqualTo(code), name + " kommun");
            }
        }
    }

    [TestCase("Vesteros")]
    [TestCase("1999")]
    [TestCase("")]
    public void What_names_no_region_is_not_guessed(string text) =>
        Assert.That(RegionNames.Find(text, Regions), Is.Null);

    [Test]
    public void An_unknown_name_is_answered_with_the_nearest_first() =>
        Assert.That(RegionNames.Nearest("Vesteros", Regions, 2)[0], Is.EqualTo("Västerås (1980)"));
}
