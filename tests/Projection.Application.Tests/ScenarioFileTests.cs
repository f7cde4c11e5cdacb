using Projection.Files;
using Projection.Tests;

namespace Projection.Application.Tests;

public class ScenarioFileTests
{
    [Test]
    public void The_shipped_scenarios_load_and_are_ordered_low_main_high()
    {
        var scenarios = ScenarioFile.ReadDirectory(RepositoryFiles.PathOf("models/scenarios"));

        Assert.That(scenarios.Keys, Is.EquivalentTo(new[] { "low", "main", "high" }));
        Assert.That(scenarios["low"].Fertility.Multiplier, Is.LessThan(scenarios["main"].Fertility.Multiplier));
        Assert.That(scenarios["high"].Mortality.AnnualImprovement, Is.GreaterThan(scenarios["main"].Mortality.AnnualImprovement));
        Assert.That(scenarios.Values.Select(s => s.Sources.Count), Is.All.GreaterThan(0), "every level names its source");
    }

    [TestCase("""{ "name": "x", "horizon": 0 }""", "horizon")]
    [TestCase("""{ "name": "x", "mortality": { "annualImprovement": 0.5 } }""", "mortality.annualImprovement")]
    [TestCase("""{ "name": "x", "migraton": {} }""", "migraton")]
    [TestCase("""{ "name": "x", """, "line")]
    public void A_bad_scenario_file_is_refused_with_the_file_and_the_field(string json, string field)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var error = Assert.Throws<InvalidDataFileException>(() => ScenarioFile.Read(path));
            Assert.That(error!.Message, Does.Contain(Path.GetFileName(path)).And.Contain(field));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
