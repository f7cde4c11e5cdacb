using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Projection.Tests;

namespace Projection.Api.Tests;

public class ScenariosApiTests
{
    [Test]
    public async Task A_saved_scenario_is_listed_projected_by_name_and_kept_across_restarts()
    {
        using var temporary = new TemporaryStore();
        var store = temporary.Path;
        var settings = new Dictionary<string, string> { ["Projection:StorePath"] = store };
        using (var app = new ProjectionApplication(settings: settings))
        {
            using var client = app.CreateClient();
            using var created = await client.PostAsJsonAsync("/api/v1/scenarios", new { name = "fler-barn", baseScenario = "main", fertility = new { multiplier = 1.3 } });

            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(created.Headers.Location!.ToString(), Is.EqualTo("/api/v1/scenarios/fler-barn"));
            var main = await client.GetFromJsonAsync<JsonElement>("/api/v1/projections/19?from=2030&to=2030");
            var more = await client.GetFromJsonAsync<JsonElement>("/api/v1/projections/19?from=2030&to=2030&scenario=fler-barn");
            Assert.That(more.GetProperty("years")[0].GetProperty("births").GetDouble(), Is.GreaterThan(main.GetProperty("years")[0].GetProperty("births").GetDouble() * 1.2));

            using var again = await client.PostAsJsonAsync("/api/v1/scenarios", new { name = "fler-barn" });
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        }

        using (var restarted = new ProjectionApplication(settings: settings))
        {
            using var client = restarted.CreateClient();
            var scenarios = await client.GetFromJsonAsync<JsonElement>("/api/v1/scenarios");
            Assert.That(scenarios.EnumerateArray().Select(s => s.GetProperty("name").GetString()), Is.EqualTo(new[] { "fler-barn", "high", "low", "main" }));
            var saved = await client.GetFromJsonAsync<JsonElement>("/api/v1/scenarios/fler-barn");
            Assert.That(saved.GetProperty("assumptions").GetProperty("fertility").GetProperty("multiplier").GetDouble(), Is.EqualTo(1.3));
        }
    }

    [TestCase("""{ "name": "Bad Name!" }""", "name")]
    [TestCase("""{ "name": "ok", "baseScenario": "medium" }""", "baseScenario")]
    [TestCase("""{ "name": "ok", "mortality": { "annualImprovement": 0.5 } }""", "mortality.annualImprovement")]
    public async Task A_bad_scenario_is_refused_with_its_field_and_nothing_is_saved(string body, string field)
    {
        using var app = new ProjectionApplication();
        using var client = app.CreateClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/v1/scenarios", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain($"\"{field}\""));
        var scenarios = await client.GetFromJsonAsync<JsonElement>("/api/v1/scenarios");
        Assert.That(scenarios.GetArrayLength(), Is.EqualTo(3));
    }

    [Test]
    public async Task Every_problem_of_a_scenario_is_named_at_once()
    {
        using var app = new ProjectionApplication();
        using var client = app.CreateClient();
        using var content = new StringContent("""{ "name": "Bad Name!", "baseScenario": "medium", "horizon": 101, "fertility": { "multiplier": -1 } }""", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/v1/scenarios", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "name", "baseScenario", "horizon", "fertility.multiplier" }));
    }

    [Test]
    public async Task An_unknown_scenario_is_404()
    {
        using var app = new ProjectionApplication();
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/v1/scenarios/nope");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
