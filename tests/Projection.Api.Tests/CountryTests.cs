using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Projection.Api.Tests;

/// <summary>Every county and municipality of Sweden through the API: the other counties start from SCB's real ages of 2019.</summary>
public class CountryTests : ApplicationFixture
{
    private static int Year(JsonElement y) => y.GetProperty("year").GetInt32();

    [Test]
    public async Task A_municipality_of_another_county_starts_from_its_real_2019_population_and_nothing_later_is_called_observed()
    {
        var projection = await GetJsonAsync("/api/v1/projections/2584?from=2001&to=2030");
        var years = projection.GetProperty("years").EnumerateArray().ToList();

        Assert.That(projection.GetProperty("regionName").GetString(), Is.EqualTo("Kiruna"));
        Assert.That(projection.GetProperty("baseYear").GetInt32(), Is.EqualTo(2019));

        // SCB's published totals (scb-kommun): 2001 is 12,235 men + 11,614 women; 2019 is the sum of the real ages.
        Assert.That(years.Single(y => Year(y) == 2001).GetProperty("total").GetDouble(), Is.EqualTo(12235 + 11614));
        Assert.That(years.Single(y => Year(y) == 2019).GetProperty("total").GetDouble(), Is.EqualTo(22867));
        Assert.That(years.Where(y => Year(y) < 2019).Select(Year), Is.EqualTo(new[] { 2001, 2002, 2003, 2004 }), "only published years are shown as history: no invented years between 2004 and 2019");
        Assert.That(years.Where(y => Year(y) < 2019).Select(y => y.GetProperty("observed").GetBoolean()), Is.All.True);
        Assert.That(years.Where(y => Year(y) > 2019).Select(y => y.GetProperty("observed").GetBoolean()), Is.All.False, "2020 on is projected, 2024 included");

        // The balancing identity, year by year, on the service's own numbers.
        var projected = years.Where(y => Year(y) >= 2019).ToList();
        for (var i = 1; i < projected.Count; i++)
        {
            var y = projected[i];
            var change = y.GetProperty("births").GetDouble() - y.GetProperty("deaths").GetDouble() + y.GetProperty("domesticIn").GetDouble()
                - y.GetProperty("domesticOut").GetDouble() + y.GetProperty("immigration").GetDouble() - y.GetProperty("emigration").GetDouble();
            Assert.That(y.GetProperty("total").GetDouble(), Is.EqualTo(projected[i - 1].GetProperty("total").GetDouble() + change).Within(0.05));
        }
    }

    [Test]
    public async Task The_base_years_pyramid_elsewhere_is_SCBs_own_and_not_labelled_modeled()
    {
        var kiruna = await GetJsonAsync("/api/v1/projections/Kiruna/pyramid?year=2019");
        var ages = kiruna.GetProperty("ages").EnumerateArray().ToList();

        Assert.That(kiruna.GetProperty("modeled").GetBoolean(), Is.False);
        Assert.That(ages.Sum(a => a.GetProperty("men").GetDouble() + a.GetProperty("women").GetDouble()), Is.EqualTo(22867));
        var home = await GetJsonAsync("/api/v1/projections/1980/pyramid?year=2024");
        Assert.That(home.GetProperty("modeled").GetBoolean(), Is.True, "the home county's 2024 ages are carried forward from 2019: modeled");
        using var before = await Client.GetAsync("/api/v1/projections/2584/pyramid?year=2018");
        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await before.Content.ReadAsStringAsync(), Does.Contain("2019 (the base year"));
    }

    [Test]
    public async Task A_county_of_one_municipality_has_the_pyramid_intervals_of_that_municipality()
    {
        // Gotland (09) is one municipality, 0980: its trajectories hold no separate sum of regions.
        var county = await GetJsonAsync("/api/v1/projections/09/pyramid?year=2030&trajectories=50&seed=3");
        var municipality = await GetJsonAsync("/api/v1/projections/0980/pyramid?year=2030&trajectories=50&seed=3");

        var bands = county.GetProperty("uncertainty").GetProperty("bands");
        Assert.That(bands.GetArrayLength(), Is.EqualTo(21));
        Assert.That(bands.ToString(), Is.EqualTo(municipality.GetProperty("uncertainty").GetProperty("bands").ToString()));
    }

    [Test]
    public async Task A_county_is_the_sum_of_its_municipalities_and_names_work_across_Sweden()
    {
        var county = await GetJsonAsync("/api/v1/projections/25?from=2030&to=2030");
        var sum = 0.0;
        foreach (var code in new[] { "2505", "2506", "2510", "2513", "2514", "2518", "2521", "2523", "2560", "2580", "2581", "2582", "2583", "2584" })
        {
            sum += (await GetJsonAsync($"/api/v1/projections/{code}?from=2030&to=2030")).GetProperty("years")[0].GetProperty("total").GetDouble();
        }

        Assert.That(county.GetProperty("regionName").GetString(), Is.EqualTo("Norrbottens län"));
        Assert.That(county.GetProperty("years")[0].GetProperty("total").GetDouble(), Is.EqualTo(sum).Within(14), "each rounded to whole persons");
        var byName = await GetJsonAsync("/api/v1/projections/norrbotten?from=2030&to=2030");
        Assert.That(byName.GetProperty("region").GetString(), Is.EqualTo("25"));
    }

    [TestCase("Uppsala", "0380")]
    [TestCase("Uppsala%20kommun", "0380")]
    [TestCase("Uppsala%20l%C3%A4n", "03")]
    [TestCase("Stockholm", "0180")]
    [TestCase("Stockholms", "01")]
    [TestCase("H%C3%A5bo", "0305")]
    [TestCase("Habo", "0643")]
    public async Task A_name_shared_by_two_regions_answers_the_one_written(string name, string code)
    {
        // "Uppsala kommun" had answered Uppsala län, and "Habo" Håbo.
        var projection = await GetJsonAsync($"/api/v1/projections/{name}?from=2030&to=2030");
        Assert.That(projection.GetProperty("region").GetString(), Is.EqualTo(code));
    }

    [Test]
    public async Task A_custom_projection_and_a_batch_may_list_regions_of_several_counties()
    {
        using var custom = await Client.PostAsJsonAsync("/api/v1/projections", new { regions = new[] { "0180", "1980" }, horizon = 10 });
        Assert.That(custom.StatusCode, Is.EqualTo(HttpStatusCode.OK), await custom.Content.ReadAsStringAsync());
        var projections = JsonDocument.Parse(await custom.Content.ReadAsStringAsync()).RootElement.GetProperty("projections").EnumerateArray().ToList();
        Assert.That(projections.Select(p => (p.GetProperty("region").GetString(), p.GetProperty("baseYear").GetInt32())), Is.EqualTo(new[] { ("0180", 2019), ("1980", 2024) }), "each from its own county's base, in the order asked");
        var main = await GetJsonAsync("/api/v1/projections/0180?scenario=main&from=2029&to=2029");
        Assert.That(projections[0].GetProperty("years").EnumerateArray().Last().GetProperty("total").GetDouble(), Is.EqualTo(main.GetProperty("years")[0].GetProperty("total").GetDouble()), "main's assumptions give main's numbers");

        using var batch = await Client.PostAsync("/api/v1/batches", new StringContent("""{ "name": "two-counties", "runs": [ { "name": "both", "regions": ["2584", "19"], "horizon": 5 } ] }""", Encoding.UTF8, "application/json"));
        Assert.That(batch.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await batch.Content.ReadAsStringAsync());
        var status = await BatchesApiTests.WaitFor(Client, batch.Headers.Location!.ToString(), s => s is "completed" or "failed");
        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("completed"), status.ToString());
        var run = JsonDocument.Parse(await Client.GetStringAsync(status.GetProperty("runs")[0].GetProperty("location").GetString())).RootElement;
        Assert.That(run.GetProperty("projections").EnumerateArray().Select(p => (p.GetProperty("region").GetString(), p.GetProperty("years").EnumerateArray().Last().GetProperty("year").GetInt32())), Is.EqualTo(new[] { ("2584", 2024), ("19", 2029) }));
    }

    [Test]
    public async Task A_county_whose_tables_were_fetched_into_the_store_is_projected_from_them_not_from_its_seed()
    {
        // Gotland (09) is one municipality, 0980: SCB's county series stored as its tables, as a fetch for 09 would leave them.
        using var store = new Projection.Tests.TemporaryStore();
        Projection.Tests.CountySeriesStore.WriteAs(store.Path, "09", new Dictionary<string, string> { ["09"] = "0980" }, 1995);
        using var app = new ProjectionApplication(settings: new Dictionary<string, string> { ["Projection:StorePath"] = store.Path });
        using var client = app.CreateClient();

        var projection = JsonDocument.Parse(await client.GetStringAsync("/api/v1/projections/0980?from=2015&to=2016")).RootElement;
        var regions = JsonDocument.Parse(await client.GetStringAsync("/api/v1/regions")).RootElement.EnumerateArray().ToList();
        var kiruna = JsonDocument.Parse(await client.GetStringAsync("/api/v1/projections/2584?from=2019&to=2019")).RootElement;

        // The series end in 2015: the store's base year, and SCB's own total of Gotland that year.
        Assert.That(projection.GetProperty("baseYear").GetInt32(), Is.EqualTo(2015));
        var series = Projection.Files.CountySeriesCsv.ReadPopulation(Projection.Tests.SharedData.PathOrIgnore("scb-county/" + Projection.Files.CountySeriesCsv.PopulationFile), Projection.Core.PopulationLayout.Default);
        Assert.That(projection.GetProperty("years")[0].GetProperty("total").GetDouble(), Is.EqualTo(series["09"].Population[2015].Sum()).Within(0.01));
        Assert.That(projection.GetProperty("provenance").EnumerateArray().Select(p => p.GetProperty("source").GetString()), Has.Some.Contain("SCB"));
        var gotland = regions.Single(r => r.GetProperty("code").GetString() == "0980");
        Assert.That((gotland.GetProperty("baseYear").GetInt32(), gotland.GetProperty("baseAgesObserved").GetBoolean()), Is.EqualTo((2015, true)));
        Assert.That(kiruna.GetProperty("baseYear").GetInt32(), Is.EqualTo(2019), "a county without tables in the store keeps its seed");
    }
}
