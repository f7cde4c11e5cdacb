using System.Buffers.Binary;
using System.Net;
using System.Xml.Linq;

namespace Projection.Api.Tests;

public class ChartsApiTests : ApplicationFixture
{
    [TestCase("/api/v1/projections/1980/charts/total.svg", "Västerås: folkmängd 31 december")]
    [TestCase("/api/v1/projections/19/charts/pyramid.svg?year=2040&scenario=high", "Västmanlands län 2040: ålder och kön (högt alternativ)")]
    [TestCase("/api/v1/projections/1904/charts/components.svg", "Skinnskatteberg: födda, döda och flyttningar per år")]
    public async Task SVG_charts_parse_with_the_expected_size_and_title(string url, string title)
    {
        using var response = await Client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/svg+xml"));

        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.That(svg.Name.LocalName, Is.EqualTo("svg"));
        Assert.That((svg.Attribute("width")?.Value, svg.Attribute("height")?.Value), Is.EqualTo(("800", "500")));
        Assert.That(svg.Attribute("viewBox")?.Value, Is.EqualTo("0 0 800 500"), "scales when embedded");
        Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("inline"), "opened in a browser, it is shown, not saved");
        Assert.That(svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()), Does.Contain(title));
    }

    [Test]
    public async Task A_chart_drawn_twice_is_the_same_bytes_and_different_charts_keep_their_clip_paths_apart()
    {
        // Two requests the output cache keeps apart (download differs), so the chart is drawn twice.
        var once = await Client.GetStringAsync("/api/v1/projections/1907/charts/components.svg");
        var twice = await Client.GetStringAsync("/api/v1/projections/1907/charts/components.svg?download=true");
        var other = await Client.GetStringAsync("/api/v1/projections/1907/charts/total.svg");

        Assert.That(twice, Is.EqualTo(once));
        static HashSet<string> ClipIds(string svg) => [.. XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "clipPath").Select(e => e.Attribute("id")!.Value)];
        Assert.That(ClipIds(once), Is.Not.Empty);
        Assert.That(ClipIds(once).Overlaps(ClipIds(other)), Is.False, "two charts inlined in one page must not share a clip path's id");

        // Every reference points to a clip path the chart defines.
        var references = System.Text.RegularExpressions.Regex.Matches(once, @"url\(#([^)]+)\)").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.That(references, Is.Not.Empty.And.SubsetOf(ClipIds(once)));
    }

    [Test]
    public async Task PNG_charts_are_PNG_images_of_the_expected_size()
    {
        var bytes = await Client.GetByteArrayAsync("/api/v1/projections/1904/charts/total.png?scenario=low");

        Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), Is.EqualTo(800));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)), Is.EqualTo(500));
    }

    [TestCase("/api/v1/projections/1980/charts/total.gif", HttpStatusCode.BadRequest)]
    [TestCase("/api/v1/projections/9999/charts/total.svg", HttpStatusCode.NotFound)]
    [TestCase("/api/v1/projections/19/charts/pyramid.png?year=1999", HttpStatusCode.BadRequest)]
    [TestCase("/api/v1/projections/19/charts/components.gif", HttpStatusCode.BadRequest)]
    [TestCase("/api/v1/projections/9999/charts/components.svg", HttpStatusCode.NotFound)]
    public async Task Bad_chart_requests_get_problem_details(string url, HttpStatusCode status)
    {
        using var response = await Client.GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task A_chart_compares_main_low_and_high_in_Swedish_with_its_source_and_numbers_written_the_Swedish_way()
    {
        var svg = XDocument.Parse(await Client.GetStringAsync("/api/v1/projections/1980/charts/total.svg?scenario=main,low,high")).Root!;
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();

        Assert.That(texts, Is.SupersetOf(new[] { "Framskrivning, huvudalternativ", "Framskrivning, lågt alternativ", "Framskrivning, högt alternativ", "Observerad folkmängd (SCB)" }));
        Assert.That(texts, Has.Some.StartsWith("Källa: SCB; framskrivning: Projection, scenario huvudalternativ, basår 2024."));
        Assert.That(texts, Has.Some.Matches("^1[0-9]{2}\u00a0000$"), "e.g. 150 000, with a non-breaking space");
        Assert.That(texts, Does.Contain("0"), "the total's axis starts at zero");
    }

    [Test]
    public async Task The_components_chart_draws_the_six_flows_in_Swedish_over_the_projected_years_asked_for()
    {
        var svg = XDocument.Parse(await Client.GetStringAsync("/api/v1/projections/1980/charts/components.svg?scenario=low&to=2030")).Root!;
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();

        Assert.That(texts, Is.SupersetOf(new[] { "Födda", "Döda", "Inflyttade från andra kommuner", "Utflyttade till andra kommuner", "Invandrade", "Utvandrade", "Personer per år" }));
        Assert.That(texts, Has.Some.StartsWith("Källa: SCB; framskrivning: Projection, scenario lågt alternativ, basår 2024."));
        Assert.That(texts, Does.Contain("0"), "the flows' axis starts at zero");

        // The years drawn are 2025–2030, the projected ones asked for: no tick from the history or past 2030.
        var years = texts.Where(t => t.Length == 4 && t.All(char.IsDigit)).Select(int.Parse).Where(y => y is > 1900 and < 2200).ToList();
        Assert.That(years, Is.Not.Empty.And.All.InRange(2025, 2030));

        // Over the whole horizon too: autoscaling's margin had put a tick at 2024, the base year, whose flows are not drawn.
        var whole = XDocument.Parse(await Client.GetStringAsync("/api/v1/projections/1980/charts/components.svg")).Root!;
        var ticks = whole.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).Where(t => t.Length == 4 && t.All(char.IsDigit)).Select(int.Parse).Where(y => y is > 1900 and < 2200).ToList();
        Assert.That(ticks, Is.Not.Empty.And.All.InRange(2025, 2054));
    }

    [Test]
    public async Task Pyramids_of_successive_years_share_one_scale_as_frames_of_a_film_must()
    {
        // The numbers under the axis (persons per year of age), of three years far apart.
        async Task<List<string>> AxisOf(int year)
        {
            var svg = XDocument.Parse(await Client.GetStringAsync($"/api/v1/projections/1962/charts/pyramid.svg?year={year}")).Root!;
            return svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).Where(t => t.Length > 0 && t.All(c => char.IsDigit(c) || c == '\u00a0')).ToList();
        }

        var first = await AxisOf(2024);
        Assert.That(first, Is.Not.Empty);
        Assert.That(await AxisOf(2035), Is.EqualTo(first));
        Assert.That(await AxisOf(2054), Is.EqualTo(first));
    }

    [Test]
    public async Task An_unknown_scenario_for_the_components_chart_is_named_alone()
    {
        using var response = await Client.GetAsync("/api/v1/projections/1980/charts/components.svg?scenario=medium");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList(), Is.EqualTo(new[] { "scenario" }));
    }

    [Test]
    public async Task The_components_chart_refuses_a_year_without_flows_naming_from()
    {
        using var response = await Client.GetAsync("/api/v1/projections/1980/charts/components.svg?from=2020");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(problem.RootElement.GetProperty("errors").GetProperty("from")[0].GetString(), Does.StartWith("must be a projected year, 2025 or later"));
    }

    [Test]
    public async Task A_pyramid_with_trajectories_draws_each_bands_intervals_and_says_what_they_are()
    {
        static XElement Svg(string text) => XDocument.Parse(text).Root!;
        var plain = Svg(await Client.GetStringAsync("/api/v1/projections/1980/charts/pyramid.svg?year=2040"));
        var banded = Svg(await Client.GetStringAsync("/api/v1/projections/1980/charts/pyramid.svg?year=2040&trajectories=200&seed=4"));
        int Lines(XElement svg) => svg.Descendants().Count(e => e.Name.LocalName is "path" or "line" or "polyline");

        var texts = banded.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.That(texts, Has.Some.StartsWith("80 % intervall (tjock) och 95 % (tunn)").And.Some.Contains("200 banor"));
        Assert.That(Lines(banded) - Lines(plain), Is.GreaterThanOrEqualTo(2 * 2 * 21), "two lines (80 %, 95 %) for each sex's 21 bands");

        using var tooMany = await Client.GetAsync("/api/v1/projections/1980/charts/pyramid.svg?year=2040&trajectories=1001");
        Assert.That(tooMany.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Download_asks_for_an_attachment_with_a_file_name()
    {
        using var response = await Client.GetAsync("/api/v1/projections/1980/charts/pyramid.png?year=2030&download=true");

        Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName, Is.EqualTo("pyramid-1980-2030.png"));
    }

    [Test]
    public async Task Comparing_more_than_five_scenarios_or_an_unknown_one_is_a_400_naming_scenario()
    {
        using var many = await Client.GetAsync("/api/v1/projections/1980/charts/total.svg?scenario=main,low,high,a,b,c");
        using var unknown = await Client.GetAsync("/api/v1/projections/1980/charts/total.svg?scenario=main,nope");

        Assert.That(many.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await many.Content.ReadAsStringAsync(), Does.Contain("\"scenario\""));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await unknown.Content.ReadAsStringAsync(), Does.Contain("nope"));
    }
}
