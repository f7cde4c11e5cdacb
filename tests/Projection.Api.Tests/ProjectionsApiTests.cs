using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Projection.Api.Tests;

public partial class ProjectionsApiTests : ApplicationFixture
{
    [Test]
    public async Task The_county_projection_has_observed_history_then_projected_years_that_balance()
    {
        var projection = await GetJsonAsync("/api/v1/projections/19?from=2014");
        var years = projection.GetProperty("years").EnumerateArray().ToList();

        Assert.That(projection.GetProperty("regionName").GetString(), Is.EqualTo("Västmanlands län"));
        Assert.That(years.First().GetProperty("year").GetInt32(), Is.EqualTo(2014));
        Assert.That(years.Last().GetProperty("year").GetInt32(), Is.EqualTo(2054));
        Assert.That(years.Where(y => y.GetProperty("year").GetInt32() < 2024).Select(y => y.GetProperty("observed").GetBoolean()), Is.All.True);
        Assert.That(years.Single(y => y.GetProperty("year").GetInt32() == 2024).GetProperty("total").GetDouble(), Is.EqualTo(281158).Within(0.01));
        var projected = years.Where(y => y.GetProperty("year").GetInt32() >= 2024).ToList();
        for (var i = 1; i < projected.Count; i++)
        {
            var y = projected[i];
            var change = y.GetProperty("births").GetDouble() - y.GetProperty("deaths").GetDouble() + y.GetProperty("domesticIn").GetDouble()
                - y.GetProperty("domesticOut").GetDouble() + y.GetProperty("immigration").GetDouble() - y.GetProperty("emigration").GetDouble();
            Assert.That(y.GetProperty("total").GetDouble(), Is.EqualTo(projected[i - 1].GetProperty("total").GetDouble() + change).Within(0.05));
        }

        Assert.That(projected[1].GetProperty("ageGroups").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "0", "1-5", "6-15", "16-18", "19-24", "25-44", "45-64", "65-79", "80-89", "90+" }));
    }

    [Test]
    public async Task The_pyramid_has_every_age_and_sums_to_the_projected_total()
    {
        var pyramid = await GetJsonAsync("/api/v1/projections/1980/pyramid?year=2030&scenario=high");
        var projection = await GetJsonAsync("/api/v1/projections/1980?scenario=high&from=2030&to=2030");

        var ages = pyramid.GetProperty("ages").EnumerateArray().ToList();
        Assert.That(ages, Has.Count.EqualTo(101));
        Assert.That(ages[^1].GetProperty("age").GetString(), Is.EqualTo("100+"));
        var sum = ages.Sum(a => a.GetProperty("men").GetDouble() + a.GetProperty("women").GetDouble());
        Assert.That(sum, Is.EqualTo(projection.GetProperty("years")[0].GetProperty("total").GetDouble()).Within(1));
    }

    [Test]
    public async Task CSV_comes_with_Accept_or_format_and_matches_the_golden_file()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/projections/1904?from=2022&to=2027");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var byAccept = await Client.SendAsync(request);
        var csv = await byAccept.Content.ReadAsStringAsync();

        Assert.That(byAccept.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
        Assert.That(csv, Is.EqualTo(await Client.GetStringAsync("/api/v1/projections/1904?from=2022&to=2027&format=csv")));
        Assert.That(csv, Is.EqualTo(Golden.Read("projection-1904-2022-2027.csv", csv)), "golden CSV: regenerate only if the seed or the method changed on purpose");
    }

    [Test]
    public async Task The_Swedish_Excel_CSV_has_a_BOM_semicolons_and_decimal_commas()
    {
        var bytes = await Client.GetByteArrayAsync("/api/v1/projections/1980?from=2024&to=2025&format=csv-excel");

        Assert.That(bytes.Take(3), Is.EqualTo(Encoding.UTF8.Preamble.ToArray()));
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("Regionkod;Region;Scenario;År;Observerat;Folkmängd;Män;Kvinnor;Födda;Döda;"));
        Assert.That(lines[2], Does.StartWith("1980;Västerås;main;2025;nej;"));
        Assert.That(lines[2].Split(';')[14], Does.Contain(","), "the median age keeps its decimal comma");
        Assert.That(lines[2].Split(';').Skip(5).Take(9), Has.All.Matches("^[0-9]+$"), "persons are whole numbers");
    }

    [Test]
    public async Task Years_and_age_groups_give_just_what_a_planner_asks_for_and_the_groups_add_up()
    {
        using var full = JsonDocument.Parse(await Client.GetStringAsync("/api/v1/projections/1980"));
        using var chosen = JsonDocument.Parse(await Client.GetStringAsync("/api/v1/projections/1980?years=2040,2030,2035&ageGroups=1-5,6-15,16-18,80%2B"));

        var years = chosen.RootElement.GetProperty("years").EnumerateArray().ToList();
        Assert.That(years.Select(y => y.GetProperty("year").GetInt32()), Is.EqualTo(new[] { 2030, 2035, 2040 }));
        foreach (var year in years)
        {
            var standard = full.RootElement.GetProperty("years").EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == year.GetProperty("year").GetInt32()).GetProperty("ageGroups");
            var groups = year.GetProperty("ageGroups");
            Assert.That(groups.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "1-5", "6-15", "16-18", "80+" }));
            Assert.That(groups.GetProperty("80+").GetDouble(), Is.EqualTo(standard.GetProperty("80-89").GetDouble() + standard.GetProperty("90+").GetDouble()).Within(0.011), "80+ is 80–89 and 90+ (each rounded to 0.01)");
            Assert.That(groups.GetProperty("6-15").GetDouble(), Is.EqualTo(standard.GetProperty("6-15").GetDouble()));
        }

        var csv = await Client.GetStringAsync("/api/v1/projections/1980?years=2030&ageGroups=80%2B&format=csv-excel");
        Assert.That(csv.TrimStart('\uFEFF').Split("\r\n")[0], Does.EndWith("Begränsade celler;80+ år"));
    }

    [Test]
    public async Task The_Excel_CSV_gives_the_intervals_in_whole_persons_under_Swedish_headers()
    {
        var invariant = (await Client.GetStringAsync("/api/v1/projections/1904?years=2030&trajectories=50&format=csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var excel = (await Client.GetStringAsync("/api/v1/projections/1904?years=2030&trajectories=50&format=csv-excel")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        var header = invariant[0].Split(',').ToList();
        var swedish = excel[0].Split(';').ToList();
        var row = invariant[1].Split(',');
        var excelRow = excel[1].Split(';');
        foreach (var (english, inSwedish) in new[] { ("total lower95", "Folkmängd nedre 95 %"), ("total upper80", "Folkmängd övre 80 %"), ("age 90+ median", "90+ år median") })
        {
            var value = double.Parse(row[header.IndexOf(english)], CultureInfo.InvariantCulture);
            Assert.That(excelRow[swedish.IndexOf(inSwedish)], Is.EqualTo(Math.Round(value, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)), english);
        }
    }

    [TestCase("years=2030,abc", "years")]
    [TestCase("years=1800", "years")]
    [TestCase("years=2030&from=2035", "years")]
    [TestCase("ageGroups=1-5,1-5", "ageGroups")]
    [TestCase("ageGroups=5-1", "ageGroups")]
    [TestCase("ageGroups=80%2B&trajectories=10", "ageGroups")]
    public async Task Bad_years_or_age_groups_are_a_400_naming_the_field(string query, string field)
    {
        using var response = await Client.GetAsync("/api/v1/projections/1980?" + query);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name), Does.Contain(field));
    }

    [TestCase("years=1800", "1800 is not a year of this projection: it has 1950–2054")]
    [TestCase("years=2030,2100", "2100 is not a year of this projection: it has 1950–2054")]
    [TestCase("years=2030&from=2040", "2030 is before from (2040).")]
    [TestCase("years=2030&to=2025", "2030 is after to (2025).")]
    [TestCase("from=2060", "must be between 1950 and 2054, was 2060.", "from")]
    public async Task A_chosen_year_out_of_range_is_named_under_years_not_under_a_from_or_to_never_sent(string query, string message, string field = "years")
    {
        using var response = await Client.GetAsync("/api/v1/projections/1980?" + query);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { field }));
        Assert.That(errors.GetProperty(field)[0].GetString(), Does.StartWith(message));
    }

    [Test]
    public async Task The_pyramid_as_CSV_has_a_row_per_age_that_adds_up_to_the_projection()
    {
        var csv = await Client.GetStringAsync("/api/v1/projections/1962/pyramid?year=2030&format=csv");
        using var projection = JsonDocument.Parse(await Client.GetStringAsync("/api/v1/projections/1962?years=2030"));
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(rows[0], Is.EqualTo("region,regionName,scenario,year,modeled,age,men,women"));
        Assert.That(rows.Length, Is.EqualTo(1 + 101));
        var total = rows.Skip(1).Sum(r => double.Parse(r.Split(',')[6], CultureInfo.InvariantCulture) + double.Parse(r.Split(',')[7], CultureInfo.InvariantCulture));
        Assert.That(total, Is.EqualTo(projection.RootElement.GetProperty("years")[0].GetProperty("total").GetDouble()).Within(2 * 101 * 0.005 + 0.01), "the ages add up to the total (each rounded to 0.01)");
    }

    [Test]
    public async Task A_repeated_request_with_its_ETag_gets_304()
    {
        using var first = await Client.GetAsync("/api/v1/projections/1962?scenario=low");
        var etag = first.Headers.ETag;
        Assert.That(etag, Is.Not.Null);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/projections/1962?scenario=low");
        request.Headers.IfNoneMatch.Add(etag!);
        using var second = await Client.SendAsync(request);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [TestCase("/api/v1/projections/9999", HttpStatusCode.NotFound, "Unknown region")]
    [TestCase("/api/v1/projections/19?from=2040&to=2030", HttpStatusCode.BadRequest, "\"to\"")]
    [TestCase("/api/v1/projections/19?to=2200", HttpStatusCode.BadRequest, "\"to\"")]
    [TestCase("/api/v1/projections/19?from=1800", HttpStatusCode.BadRequest, "\"from\"")]
    [TestCase("/api/v1/projections/19?scenario=medium", HttpStatusCode.BadRequest, "unknown scenario 'medium'")]
    [TestCase("/api/v1/projections/19?format=xml", HttpStatusCode.BadRequest, "\"format\"")]
    [TestCase("/api/v1/projections/19/pyramid?year=2010", HttpStatusCode.BadRequest, "\"year\"")]
    [TestCase("/api/v1/projections/19?from=abc", HttpStatusCode.BadRequest, "could not be read")]
    public async Task Bad_requests_get_problem_details(string url, HttpStatusCode status, string text)
    {
        using var response = await Client.GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(text));
    }

    [Test]
    public async Task A_custom_scenario_is_projected_on_demand_for_the_regions_asked()
    {
        using var response = await Client.PostAsJsonAsync("/api/v1/projections", new { name = "barnboom", horizon = 10, fertility = new { targetTfr = 2.1, yearsToTarget = 5 }, regions = new[] { "1980", "1904" } });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("scenario").GetProperty("name").GetString(), Is.EqualTo("barnboom"));
        var projections = body.GetProperty("projections").EnumerateArray().ToList();
        Assert.That(projections.Select(p => p.GetProperty("region").GetString()), Is.EqualTo(new[] { "1980", "1904" }));
        var main = await GetJsonAsync("/api/v1/projections/1980?from=2034&to=2034");
        Assert.That(
            projections[0].GetProperty("years").EnumerateArray().Last().GetProperty("births").GetDouble(),
            Is.GreaterThan(main.GetProperty("years")[0].GetProperty("births").GetDouble()));
    }

    [Test]
    public async Task Out_of_range_custom_assumptions_are_refused_with_every_field()
    {
        using var response = await Client.PostAsJsonAsync("/api/v1/projections", new { horizon = 500, fertility = new { multiplier = 9 }, migration = new { immigration = -1 } });
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body, Does.Contain("\"horizon\"").And.Contain("\"fertility.multiplier\"").And.Contain("\"migration.immigration\""));
    }

    [Test]
    public async Task A_custom_request_wrong_in_its_assumptions_and_its_trajectories_and_regions_names_them_all_at_once()
    {
        using var response = await Client.PostAsJsonAsync("/api/v1/projections", new { fertility = new { multiplier = 9 }, trajectories = 0, regions = new[] { "1980", "" } });
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.SupersetOf(new[] { "fertility.multiplier", "trajectories", "regions" }), "one answer, every field: not the first kind of error, then the next on the next try");
    }

    [TestCase("/api/v1/projections/19/pyramid?format=xml&year=1900&seed=-1", new[] { "format", "year", "seed" })]
    [TestCase("/api/v1/projections/19/charts/pyramid.gif?year=1900&trajectories=0", new[] { "extension", "year", "trajectories" })]
    [TestCase("/api/v1/projections/19/charts/total.gif?scenario=main,medium&to=2300", new[] { "extension", "scenario", "to" })]
    [TestCase("/api/v1/projections/9999?format=xml&years=2030&from=2040", new[] { "format", "years" })]
    public async Task A_GET_wrong_in_several_fields_names_them_all_in_one_answer(string url, string[] fields)
    {
        using var response = await Client.GetAsync(url);
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a request that is invalid is refused as such before its region is looked up");
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.SupersetOf(fields));
    }

    [Test]
    public async Task A_county_s_provenance_describes_the_sum_of_its_municipalities_not_the_first_of_them()
    {
        // A county is projected as the sum of its municipalities. Its provenance had been its first
        // municipality's: Västmanland's said "net migration -4 a year" (Skinnskatteberg's), where
        // its ten municipalities' own provenances add up to 1,864 a year.
        var regions = (await GetJsonAsync("/api/v1/regions")).EnumerateArray().ToList();
        var counties = regions.Where(r => r.GetProperty("level").GetString() == "county").ToList();
        Assert.That(counties, Has.Count.EqualTo(21));
        foreach (var county in counties)
        {
            var code = county.GetProperty("code").GetString()!;
            var municipalities = regions.Where(r => r.GetProperty("level").GetString() == "municipality" && r.GetProperty("code").GetString()!.StartsWith(code, StringComparison.Ordinal)).ToList();
            var net = NetMigrationStated(county);
            var nets = municipalities.Select(NetMigrationStated).ToList();
            if (municipalities.Count == 1)
            {
                Assert.That(net, Is.EqualTo(nets[0]), code);
                continue;
            }

            // Each municipality's figure is rounded to a whole person, so the sum of the rounded ones is within half a person of each.
            Assert.That(net, Is.EqualTo(nets.Sum()).Within(municipalities.Count / 2.0), code);
            Assert.That(RatesMethod(county), Does.StartWith($"The sum of its {municipalities.Count} municipalities"), code);
        }
    }

    private static string RatesMethod(System.Text.Json.JsonElement region) =>
        region.GetProperty("provenance").EnumerateArray()
            .Select(p => p.GetProperty("method").GetString())
            .Single(m => m is not null && NetMigrationPerYear().IsMatch(m))!;

    private static int NetMigrationStated(System.Text.Json.JsonElement region) =>
        int.Parse(NetMigrationPerYear().Match(RatesMethod(region)).Groups[1].Value, CultureInfo.InvariantCulture);

    [System.Text.RegularExpressions.GeneratedRegex(@"net migration (-?\d+) a year")]
    private static partial System.Text.RegularExpressions.Regex NetMigrationPerYear();
}
