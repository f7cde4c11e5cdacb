using System.Buffers.Binary;
using System.Net;
using System.Xml.Linq;

namespace Projection.Api.Tests;

public class ChartsApiTests : ApplicationFixture
{
    [TestCase("/api/v1/projections/1980/charts/total.svg", "Västerås: folkmängd (main)")]
    [TestCase("/api/v1/projections/19/charts/pyramid.svg?year=2040&scenario=high", "Västmanlands län 2040: ålder och kön (high)")]
    public async Task SVG_charts_parse_with_the_expected_size_and_title(string url, string title)
    {
        using var response = await Client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/svg+xml"));

        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.That(svg.Name.LocalName, Is.EqualTo("svg"));
        Assert.That((svg.Attribute("width")?.Value, svg.Attribute("height")?.Value), Is.EqualTo(("800", "500")));
        Assert.That(svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()), Does.Contain(title));
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
    public async Task Bad_chart_requests_get_problem_details(string url, HttpStatusCode status)
    {
        using var response = await Client.GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }
}
