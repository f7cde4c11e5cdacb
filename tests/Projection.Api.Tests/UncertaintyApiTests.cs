using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Projection.Api.Tests;

public class UncertaintyApiTests : ApplicationFixture
{
    private static double[] Interval(JsonElement interval) =>
        [.. new[] { "lower95", "lower80", "median", "upper80", "upper95" }.Select(n => interval.GetProperty(n).GetDouble())];

    [Test]
    public async Task A_pyramid_with_trajectories_has_ordered_bands_drawn_from_the_same_trajectories_as_the_totals()
    {
        var pyramid = await GetJsonAsync("/api/v1/projections/1980/pyramid?year=2034&trajectories=300&seed=5");
        var uncertainty = pyramid.GetProperty("uncertainty");
        var bands = uncertainty.GetProperty("bands").EnumerateArray().ToList();

        Assert.That(uncertainty.GetProperty("trajectories").GetInt32(), Is.EqualTo(300));
        Assert.That(bands.Select(b => b.GetProperty("ages").GetString()), Is.EqualTo(Enumerable.Range(0, 20).Select(i => $"{5 * i}-{(5 * i) + 4}").Append("100+")));
        foreach (var band in bands)
        {
            Assert.That(Interval(band.GetProperty("men")), Is.Ordered, band.GetProperty("ages").GetString());
            Assert.That(Interval(band.GetProperty("women")), Is.Ordered, band.GetProperty("ages").GetString());
        }

        var young = Interval(bands[4].GetProperty("women"));
        Assert.That(young[4] - young[0], Is.GreaterThan(0), "ten years on, the 20–24-year-olds have a spread");

        // One trajectory: every quantile is that trajectory's value, so the bands add up exactly, and they add
        // up to the planning groups of the same trajectory in the totals' run (which goes on to the horizon).
        var one = await GetJsonAsync("/api/v1/projections/19/pyramid?year=2034&trajectories=1&seed=9");
        var totals = await GetJsonAsync("/api/v1/projections/19?trajectories=1&seed=9&from=2034&to=2034");
        var groups = totals.GetProperty("uncertainty").GetProperty("years")[0].GetProperty("ageGroups");
        var median = (string ages, string sex) => one.GetProperty("uncertainty").GetProperty("bands").EnumerateArray().Single(b => b.GetProperty("ages").GetString() == ages).GetProperty(sex).GetProperty("median").GetDouble();
        var eighties = median("80-84", "men") + median("85-89", "men") + median("80-84", "women") + median("85-89", "women");
        Assert.That(eighties, Is.EqualTo(groups.GetProperty("80-89").GetProperty("median").GetDouble()).Within(2), "each rounded to whole persons");
        var all = one.GetProperty("uncertainty").GetProperty("bands").EnumerateArray().Sum(b => b.GetProperty("men").GetProperty("median").GetDouble() + b.GetProperty("women").GetProperty("median").GetDouble());
        Assert.That(all, Is.EqualTo(totals.GetProperty("uncertainty").GetProperty("years")[0].GetProperty("total").GetProperty("median").GetDouble()).Within(21));
    }

    [Test]
    public async Task Intervals_carry_the_models_backtested_coverage_as_measured_on_regions_like_theirs()
    {
        // The record the file keeps (projection calibrate --out), read here on its own.
        using var file = JsonDocument.Parse(File.ReadAllText(Projection.Tests.RepositoryFiles.PathOf("models/uncertainty.json")));
        var recorded = file.RootElement.GetProperty("coverage").GetProperty("entries").EnumerateArray()
            .ToDictionary(e => (e.GetProperty("indicator").GetString()!, e.GetProperty("horizonYears").GetInt32(), e.GetProperty("measuredOn").GetString()!), e => e.GetProperty("in80Percent").GetDouble());

        foreach (var (region, totalMeasuredOn) in new[] { ("1980", "municipalities"), ("19", "counties") })
        {
            var projection = await GetJsonAsync($"/api/v1/projections/{region}?trajectories=50");
            var uncertainty = projection.GetProperty("uncertainty");
            var backtest = uncertainty.GetProperty("backtest");
            var coverage = backtest.GetProperty("coverage").EnumerateArray().ToList();

            var shown = uncertainty.GetProperty("years")[1].GetProperty("ageGroups").EnumerateObject().Select(g => g.Name).Prepend("total").ToList();
            Assert.That(coverage.Select(c => c.GetProperty("indicator").GetString()), Is.EqualTo(shown.SelectMany(g => new[] { g, g })), $"{region}: each indicator at five and ten years");
            foreach (var entry in coverage)
            {
                var indicator = entry.GetProperty("indicator").GetString()!;
                var measuredOn = entry.GetProperty("measuredOn").GetString()!;
                // A municipality's total as checked on municipalities; its age groups, and everything of a county, on counties.
                Assert.That(measuredOn, Is.EqualTo(indicator == "total" ? totalMeasuredOn : "counties"), $"{region} {indicator}");
                var key = (indicator, entry.GetProperty("horizonYears").GetInt32(), measuredOn);
                Assert.That(entry.GetProperty("in80Percent").GetDouble(), Is.EqualTo(recorded[key]), key.ToString());
            }

            Assert.That(backtest.GetProperty("source").GetString(), Does.Contain("counties 1990–2005").And.Contain("municipalities of county 19 1990–2014"));
            Assert.That(backtest.GetProperty("municipalCounty").GetString(), Is.EqualTo("19"), "whose municipalities were checked");
        }

        // A pyramid's bands were never checked: no record.
        var pyramid = await GetJsonAsync("/api/v1/projections/1980/pyramid?year=2030&trajectories=50");
        Assert.That(pyramid.GetProperty("uncertainty").TryGetProperty("backtest", out _), Is.False);
    }

    [Test]
    public async Task A_pyramid_has_no_spread_at_the_base_year_and_its_limits_are_named()
    {
        var basePyramid = await GetJsonAsync("/api/v1/projections/1980/pyramid?year=2024&trajectories=100");
        Assert.That(basePyramid.GetProperty("uncertainty").ValueKind, Is.EqualTo(JsonValueKind.Null));

        using var tooMany = await Client.GetAsync("/api/v1/projections/1980/pyramid?year=2030&trajectories=2000");
        Assert.That(tooMany.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await tooMany.Content.ReadAsStringAsync(), Does.Contain("trajectories").And.Contain("1000"));
        using var csv = await Client.GetAsync("/api/v1/projections/1980/pyramid?year=2030&trajectories=100&format=csv");
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_projection_with_trajectories_carries_ordered_intervals_around_the_deterministic_path()
    {
        var projection = await GetJsonAsync("/api/v1/projections/19?from=2024&trajectories=400&seed=7");
        var uncertainty = projection.GetProperty("uncertainty");
        var years = uncertainty.GetProperty("years").EnumerateArray().ToList();

        Assert.That(uncertainty.GetProperty("trajectories").GetInt32(), Is.EqualTo(400));
        Assert.That(uncertainty.GetProperty("model").GetString(), Does.Contain("SCB county series"));
        Assert.That(years.Select(y => y.GetProperty("year").GetInt32()), Is.EqualTo(Enumerable.Range(2024, 31)));
        var baseYear = Interval(years[0].GetProperty("total"));
        Assert.That(baseYear.Max() - baseYear.Min(), Is.LessThan(0.1), "no spread at the base year");
        foreach (var year in years.Skip(1))
        {
            var total = Interval(year.GetProperty("total"));
            Assert.That(total, Is.Ordered);
            Assert.That(year.GetProperty("ageGroups").EnumerateObject().Count(), Is.EqualTo(10));
        }

        var last = Interval(years[^1].GetProperty("total"));
        var deterministic = projection.GetProperty("years").EnumerateArray().Last().GetProperty("total").GetDouble();
        Assert.That(last[0], Is.LessThan(deterministic));
        Assert.That(last[4], Is.GreaterThan(deterministic));
        Assert.That(last[2], Is.EqualTo(deterministic).Within(3).Percent, "the median stays near the scenario's path");
        Assert.That((last[4] - last[0]) / last[2], Is.GreaterThan(Interval(years[5].GetProperty("total")) is var early ? (early[4] - early[0]) / early[2] : 0), "intervals widen with the horizon");
    }

    [Test]
    public async Task The_same_seed_gives_the_same_intervals_and_another_seed_other_ones()
    {
        var first = await GetJsonAsync("/api/v1/projections/1962?trajectories=200&seed=3&from=2040&to=2040");
        var again = await GetJsonAsync("/api/v1/projections/1962?trajectories=200&seed=3&from=2040&to=2040");
        var other = await GetJsonAsync("/api/v1/projections/1962?trajectories=200&seed=4&from=2040&to=2040");

        var a = Interval(first.GetProperty("uncertainty").GetProperty("years")[0].GetProperty("total"));
        Assert.That(Interval(again.GetProperty("uncertainty").GetProperty("years")[0].GetProperty("total")), Is.EqualTo(a));
        Assert.That(Interval(other.GetProperty("uncertainty").GetProperty("years")[0].GetProperty("total")), Is.Not.EqualTo(a));
    }

    [Test]
    public async Task The_county_interval_is_wider_than_its_municipalities_would_give_if_they_were_independent()
    {
        // width² = Σ wᵢ² + Σ_{i≠j} ρᵢⱼ wᵢ wⱼ: independent municipalities (ρ = 0) would give the root of the sum
        // of squares, perfectly correlated ones (ρ = 1) the sum of widths. The shared national deviation
        // must make the implied mean correlation clearly positive. Above 1 it can be only by sampling: 500
        // trajectories place a 10 % quantile within about 3 % of the width, and 1 % of the county's width moves ρ by 0.04.
        var codes = new[] { "1904", "1907", "1960", "1961", "1962", "1980", "1981", "1982", "1983", "1984" };
        double sumOfWidths = 0, sumOfSquares = 0;
        foreach (var code in codes)
        {
            var projection = await GetJsonAsync($"/api/v1/projections/{code}?trajectories=500&seed=11&from=2054&to=2054");
            var i = Interval(projection.GetProperty("uncertainty").GetProperty("years")[0].GetProperty("total"));
            sumOfWidths += i[3] - i[1];
            sumOfSquares += (i[3] - i[1]) * (i[3] - i[1]);
        }

        var county = Interval((await GetJsonAsync("/api/v1/projections/19?trajectories=500&seed=11&from=2054&to=2054")).GetProperty("uncertainty").GetProperty("years")[0].GetProperty("total"));
        var width = county[3] - county[1];
        var meanCorrelation = ((width * width) - sumOfSquares) / ((sumOfWidths * sumOfWidths) - sumOfSquares);
        Assert.That(meanCorrelation, Is.InRange(0.3, 1.1), $"county 80 % width {width:0}, sum of widths {sumOfWidths:0}, root of squares {Math.Sqrt(sumOfSquares):0}");
    }

    [Test]
    public async Task CSV_and_custom_projections_carry_the_intervals_too()
    {
        var csv = await Client.GetStringAsync("/api/v1/projections/1980?format=csv&trajectories=100&from=2023&to=2026");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.That(header, Does.Contain("total lower95").And.Contain("age 90+ upper80"));
        var observed = lines[1].Split(',');
        Assert.That(observed[Array.IndexOf(header, "total median")], Is.Empty, "observed years have no interval");
        Assert.That(double.Parse(lines[^1].Split(',')[Array.IndexOf(header, "total upper95")], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(100_000));

        using var response = await Client.PostAsJsonAsync("/api/v1/projections", new { name = "fewer-births", fertility = new { multiplier = 0.8 }, regions = new[] { "1980" }, trajectories = 100, seed = 5 });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var custom = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(custom.GetProperty("projections")[0].GetProperty("uncertainty").GetProperty("trajectories").GetInt32(), Is.EqualTo(100));
    }

    [TestCase("/api/v1/projections/19?trajectories=0", "trajectories")]
    [TestCase("/api/v1/projections/19?trajectories=5001", "trajectories")]
    [TestCase("/api/v1/projections/19?trajectories=10&seed=-1", "seed")]
    [TestCase("/api/v1/projections/19?seed=3", "seed")]
    [TestCase("/api/v1/projections/19/charts/total.svg?trajectories=0", "trajectories")]
    public async Task Bad_stochastic_parameters_are_a_problem_naming_the_field(string url, string field)
    {
        using var response = await Client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True);
    }

    [Test]
    public async Task The_total_chart_draws_the_bands()
    {
        var plain = await Client.GetStringAsync("/api/v1/projections/19/charts/total.svg");
        var banded = await Client.GetStringAsync("/api/v1/projections/19/charts/total.svg?trajectories=100");

        Assert.That(banded, Does.Contain("95 % av simulerade utfall").And.Contain("80 % av simulerade utfall"));
        Assert.That(plain, Does.Not.Contain("simulerade utfall"));
    }
}

public class MigrationSourceApiTests : ApplicationFixture
{
    [Test]
    public async Task A_scenario_asking_for_the_migration_model_on_the_embedded_default_gets_the_baseline_and_a_warning_saying_why()
    {
        using var created = await Client.PostAsJsonAsync("/api/v1/scenarios", new { name = "learned", baseScenario = "main", migrationSource = "model" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());

        var learned = JsonDocument.Parse(await Client.GetStringAsync("/api/v1/projections/1980?scenario=learned&from=2030&to=2030")).RootElement;
        var main = JsonDocument.Parse(await Client.GetStringAsync("/api/v1/projections/1980?scenario=main&from=2030&to=2030")).RootElement;

        var warning = learned.GetProperty("provenance").EnumerateArray().Single(p => p.GetProperty("status").GetString() == "warning");
        Assert.That(warning.GetProperty("method").GetString(), Does.Contain("yearly population and deaths by age").And.Contain("baseline"));
        Assert.That(learned.GetProperty("years")[0].GetProperty("total").GetDouble(), Is.EqualTo(main.GetProperty("years")[0].GetProperty("total").GetDouble()));
        Assert.That(main.GetProperty("provenance").EnumerateArray().Any(p => p.GetProperty("status").GetString() == "warning"), Is.False);

        using var bad = await Client.PostAsJsonAsync("/api/v1/scenarios", new { name = "bad-source", migrationSource = "crystal-ball" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}

public class IntervalWarmUpTests
{
    [Test]
    public async Task The_stochastic_path_is_warmed_up_in_the_background_at_start_while_requests_are_answered()
    {
        var logs = new CapturedLogs();
        using var app = new ProjectionApplication(settings: new Dictionary<string, string> { ["Projection:IntervalWarmUpRounds"] = "3" }, logs: logs);
        using var client = app.CreateClient();

        // A planner's request during the warm-up is answered, with its own trajectories.
        using var response = await client.GetAsync("/api/v1/projections/19?trajectories=200&seed=5&from=2030&to=2030");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(json.RootElement.GetProperty("uncertainty").GetProperty("trajectories").GetInt32(), Is.EqualTo(200));

        var warmedUp = false;
        for (var attempt = 0; attempt < 300 && !warmedUp; attempt++)
        {
            warmedUp = logs.Messages.Any(m => m.Contains("warmed up: 3 rounds of 256 trajectories", StringComparison.Ordinal));
            await Task.Delay(100);
        }

        Assert.That(warmedUp, Is.True, string.Join(Environment.NewLine, logs.Messages));
    }
}
