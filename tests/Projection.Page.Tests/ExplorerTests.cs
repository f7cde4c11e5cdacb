using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Projection.Api.Tests;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace Projection.Page.Tests;

/// <summary>
/// The explorer page "Hur många blir vi?" in a real browser (Debian's Chromium) against the real
/// service on a real Kestrel server on 127.0.0.1: what a planner or the infographic team does with it.
/// The controls are found as a person finds them, by their labels and roles (which a screen reader
/// reads too); the drawings by the charts' ids. Expect waits until the page shows what it asserts.
/// </summary>
[NonParallelizable]
public sealed class ExplorerTests : IDisposable
{
    private ProjectionApplication _service = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private string _address = "";

    [OneTimeSetUp]
    public async Task StartServiceAndBrowser()
    {
        Browser.EnsureInstalled();
        _service = new ProjectionApplication();
        _address = _service.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        (_playwright, _browser) = await Browser.LaunchAsync();

        // A stochastic redraw on a busy CI machine can take longer than Expect's five seconds.
        SetDefaultExpectTimeout(30_000);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>NUnit disposes the fixture after its last test: the service stops here.</summary>
    public void Dispose() => _service?.Dispose();

    [SetUp]
    public async Task NewPage()
    {
        _context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, AcceptDownloads = true, Locale = "sv-SE" });
        _page = await _context.NewPageAsync();
    }

    [TearDown]
    public async Task ClosePage() => await _context.CloseAsync();

    private async Task OpenAsync(string query = "")
    {
        await _page.GotoAsync(_address + "/" + query);
        await WaitUntilDrawnAsync();
    }

    private async Task WaitUntilDrawnAsync()
    {
        await _page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('Visar') && !document.body.hasAttribute('aria-busy')");
    }

    /// <summary>What the model file records of the total's 80 % interval on <paramref name="measuredOn"/>, as the caption words it (rounded).</summary>
    private static string HeldInBacktests(string measuredOn)
    {
        using var model = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "models", "uncertainty.json")));
        var total = model.RootElement.GetProperty("coverage").GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("indicator").GetString() == "total" && e.GetProperty("measuredOn").GetString() == measuredOn);
        return string.Join(" och ", total.Select(e => $"{Math.Round(e.GetProperty("in80Percent").GetDouble(), MidpointRounding.AwayFromZero):0} % av fallen efter {e.GetProperty("horizonYears").GetInt32()} år"));
    }

    private async Task<string> ChartTitleAsync(string chart) => await _page.Locator($"#{chart} svg > title").TextContentAsync() ?? "";

    /// <summary>A form control by its label's exact words.</summary>
    private ILocator Labelled(string label) => _page.GetByLabel(label, new PageGetByLabelOptions { Exact = true });

    private ILocator Button(string name) => _page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = name, Exact = true });

    /// <summary>The planning groups' table, by its name (its caption).</summary>
    private ILocator GroupsTable => _page.GetByRole(AriaRole.Table);

    [Test]
    public async Task The_page_opens_on_the_county_with_history_three_scenarios_bands_a_pyramid_and_the_planning_table()
    {
        await OpenAsync();

        Assert.That(await _page.TitleAsync(), Does.Contain("Hur många blir vi?"));
        Assert.That(await ChartTitleAsync("total-chart"), Is.EqualTo("Västmanlands län: folkmängd 31 december"));
        var series = await _page.Locator("#total-chart path[data-series]").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.dataset.series)");
        Assert.That(series, Is.SupersetOf(new[] { "observed", "main", "low", "high" }));
        Assert.That(await _page.Locator("#total-chart path[fill-opacity]").CountAsync(), Is.EqualTo(2), "the 80 % and 95 % bands");

        // Beside the bands, how often the total's 80 % interval held in the backtests on counties, as the model file records it (rounded).
        var caption = await _page.Locator("#total-caption").TextContentAsync() ?? "";
        Assert.That(caption, Does.Contain($"I efterhandsprövningar på län hamnade folkmängden inom 80 %-intervallet i {HeldInBacktests("counties")}."));
        Assert.That(caption, Does.Match(@"Andra scenarier år 2054: lågt alternativ \d{3}\u00a0\d{3}, högt alternativ \d{3}\u00a0\d{3}\."), "the other scenarios' last year, in a sentence of its own");
        Assert.That(caption, Does.Not.Match(@"\. \p{Ll}"), "every sentence starts with a capital");
        Assert.That(await _page.Locator("#pyramid-chart rect[data-sex]").CountAsync(), Is.EqualTo(2 * 101), "men and women at ages 0..100+");
        await Expect(GroupsTable.Locator("tbody tr")).ToHaveCountAsync(8);

        // The y axis of the totals starts at zero, and numbers are written the Swedish way.
        var axis = await _page.Locator("#total-chart text").AllTextContentsAsync();
        Assert.That(axis, Does.Contain("0"));
        Assert.That(axis, Has.Some.Matches(@"^\d{3}\u00a0000$"), "thousands separated by a (non-breaking) space, e.g. 300 000");
        Assert.That(await _page.Locator("#total-chart svg").GetAttributeAsync("viewBox"), Is.Not.Null);
        Assert.That(axis, Has.Some.StartsWith("Källa: SCB; framskrivning: Projection, scenario huvudalternativ, basår 2024."));

        // The sources under the charts are the county's own: the sum of its ten municipalities, not the first of them.
        var sources = await _page.Locator("#provenance li").AllTextContentsAsync();
        Assert.That(sources, Has.Some.StartsWith("Modellerat (2011–2015): ").And.Some.Contains("The sum of its 10 municipalities' projections"));
        Assert.That(sources, Has.None.Contains("net migration -4 a year"), "Skinnskatteberg's migration is not the county's");
    }

    [Test]
    public async Task Choosing_Vasteras_by_a_name_without_diacritics_redraws_every_view_and_puts_it_in_the_address()
    {
        await OpenAsync();

        var region = Labelled("Område");
        await region.FillAsync("vasteras");
        await region.DispatchEventAsync("change");
        await Expect(_page.Locator("#total-chart svg > title")).ToHaveTextAsync(new Regex("^Västerås"));
        await WaitUntilDrawnAsync();

        await Expect(_page).ToHaveURLAsync(new Regex("region=1980"));
        await Expect(region).ToHaveValueAsync("Västerås (1980)");
        Assert.That(await ChartTitleAsync("pyramid-chart"), Does.StartWith("Västerås"));
        Assert.That(await ChartTitleAsync("components-chart"), Does.StartWith("Västerås"));
        await Expect(GroupsTable).ToHaveAccessibleNameAsync(new Regex("^Västerås"));
        // A municipality's band is read against what its kind held: Västmanland's municipalities, not the counties.
        Assert.That(await _page.Locator("#total-caption").TextContentAsync(), Does.Contain($"I efterhandsprövningar på kommunerna i Västmanlands län hamnade folkmängden inom 80 %-intervallet i {HeldInBacktests("municipalities")}."));
    }

    [TestCase("Habo", "0643", "Habo")]
    [TestCase("Håbo", "0305", "Håbo")]
    [TestCase("uppsala", "0380", "Uppsala")]
    public async Task A_name_written_as_it_is_spelt_opens_that_region_not_a_namesake(string written, string code, string name)
    {
        // Without accents Habo and Håbo are one word; the page had opened Håbo for "Habo".
        await OpenAsync();

        var region = Labelled("Område");
        await region.FillAsync(written);
        await region.DispatchEventAsync("change");

        await Expect(_page).ToHaveURLAsync(new Regex($"region={code}"));
        await Expect(region).ToHaveValueAsync($"{name} ({code})");
    }

    [Test]
    public async Task Switching_to_the_high_scenario_changes_the_table_and_the_description()
    {
        await OpenAsync("?region=1980");
        var mainIn2054 = await CellAsync("Totalt", 2054);

        await Labelled("Scenario").SelectOptionAsync(new SelectOptionValue { Label = "Högt alternativ" });
        await Expect(_page.GetByRole(AriaRole.Status).First).ToContainTextAsync("högt alternativ");
        await WaitUntilDrawnAsync();

        await Expect(_page).ToHaveURLAsync(new Regex("scenario=high"));
        Assert.That(await _page.Locator("#scenario-description").TextContentAsync(), Does.StartWith("Högt alternativ"));
        Assert.That(await CellAsync("Totalt", 2054), Is.GreaterThan(mainIn2054), "the high scenario (more births, more immigration) ends higher than the main");
    }

    [Test]
    public async Task Playing_the_pyramid_moves_through_the_years()
    {
        await OpenAsync("?region=1980&year=2030");
        var slider = _page.GetByRole(AriaRole.Slider);
        await Expect(slider).ToHaveValueAsync("2030");

        // The button says what a press does next: play, then stop.
        await Button("Spela upp åren").ClickAsync();
        await _page.WaitForFunctionAsync("() => Number(document.getElementById('pyramid-year').value) >= 2033", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await Button("Stoppa").ClickAsync();
        await Expect(Button("Spela upp åren")).ToBeVisibleAsync();

        var year = int.Parse(await slider.InputValueAsync(), CultureInfo.InvariantCulture);
        Assert.That(await ChartTitleAsync("pyramid-chart"), Does.StartWith($"Västerås {year}"));
        await Expect(_page).ToHaveURLAsync(new Regex($"year={year}"));
    }

    [Test]
    public async Task The_base_year_pyramid_is_labelled_as_modeled_and_a_comparison_draws_an_outline()
    {
        await OpenAsync("?region=1962&year=2024");
        Assert.That(await ChartTitleAsync("pyramid-chart"), Does.Contain("modellerad"));

        await Labelled("Jämför med").SelectOptionAsync(new SelectOptionValue { Label = "Scenario: lågt alternativ" });
        await _page.WaitForFunctionAsync("() => document.querySelectorAll('#pyramid-chart path').length >= 2");
        await Expect(_page).ToHaveURLAsync(new Regex("compare=low"));
    }

    [Test]
    public async Task With_uncertainty_shown_the_pyramid_draws_each_bands_intervals_and_without_it_none()
    {
        await OpenAsync("?region=1980&year=2040");
        await _page.WaitForFunctionAsync("() => document.querySelectorAll('#pyramid-chart line[data-band=pyramid-80]').length === 42");
        Assert.That(await _page.Locator("#pyramid-chart line[data-band=pyramid-95]").CountAsync(), Is.EqualTo(42), "21 bands for each sex");
        Assert.That(await _page.Locator("#pyramid-caption").TextContentAsync(), Does.Contain("80 % (tjockt) och 95 % (tunt)"));

        // An interval's thick (80 %) part lies within its thin (95 %) part.
        var widths = await _page.EvaluateAsync<double[]>("() => ['pyramid-80', 'pyramid-95'].map(b => Math.abs(document.querySelector(`#pyramid-chart line[data-band=${b}]`).x2.baseVal.value - document.querySelector(`#pyramid-chart line[data-band=${b}]`).x1.baseVal.value))");
        Assert.That(widths[0], Is.LessThan(widths[1]));

        await OpenAsync("?region=1980&year=2040&osakerhet=0");
        Assert.That(await _page.Locator("#pyramid-chart line[data-band]").CountAsync(), Is.Zero);
    }

    [Test]
    public async Task A_municipality_of_another_county_opens_on_its_real_2019_ages_with_its_published_history()
    {
        await OpenAsync("?region=2584&year=2019");

        Assert.That(await ChartTitleAsync("total-chart"), Does.StartWith("Kiruna"));
        Assert.That(await ChartTitleAsync("pyramid-chart"), Does.Contain("2019").And.Not.Contain("modellerad"), "SCB's own ages of 2019 are not modeled");
        Assert.That(await CellAsync("Totalt", 2019), Is.EqualTo(22867), "SCB: Kiruna on 31 December 2019");
        Assert.That(await _page.Locator(".downloads[data-view=total] a").First.GetAttributeAsync("href"), Does.Contain("from=2001"), "the history starts where SCB's published totals offline do (2001), not at Västmanland's 1950");
    }

    [Test]
    public async Task A_custom_scenario_with_more_children_is_drawn_next_to_main_and_ends_higher()
    {
        await OpenAsync("?region=1980");

        await Labelled("Fruktsamhet (gånger den skattade nivån)").FillAsync("1.5");
        await Button("Räkna fram eget scenario").ClickAsync();
        await Expect(_page.Locator("#custom-result")).ToHaveTextAsync(new Regex("^Eget scenario"));

        var text = await _page.Locator("#custom-result").TextContentAsync() ?? "";
        Assert.That(text, Does.Match(@"skillnad \+\d"), "50 % more births give more people than main: " + text);
        Assert.That(await _page.Locator("#total-chart path[data-series=custom]").CountAsync(), Is.EqualTo(1));
        Assert.That(await _page.Locator("#total-chart path[data-band=custom]").CountAsync(), Is.EqualTo(1), "the custom scenario's own 80 % band");
        Assert.That(text, Does.Contain("80 % av de simulerade utfallen mellan"));

        // Saving needs a key with the write scope; the page sends the one typed in.
        await _page.GetByText("Spara scenariot under ett namn").ClickAsync();
        await Labelled("Namn (små bokstäver, siffror, bindestreck)").FillAsync("fler-barn-sidan");
        await Labelled("API-nyckel med skrivrätt").FillAsync(_service.WriteKey);
        await Button("Spara").ClickAsync();
        await Expect(_page.Locator("#save-result")).ToHaveTextAsync(new Regex("^Sparat"));
        await Expect(Labelled("Scenario").Locator("option[value=fler-barn-sidan]")).ToHaveCountAsync(1);
    }

    [Test]
    public async Task The_downloaded_Excel_CSV_has_Swedish_headers_whole_persons_and_the_published_base_year_total()
    {
        await OpenAsync("?region=1980");
        using var client = _service.CreateClient();
        var regions = JsonDocument.Parse(await client.GetStringAsync("/api/v1/regions")).RootElement;
        var published = regions.EnumerateArray().First(r => r.GetProperty("code").GetString() == "1980").GetProperty("latestObservedPopulation").GetDouble();

        var download = await _page.RunAndWaitForDownloadAsync(() => _page.ClickAsync(".downloads[data-view=total] a[download]"));
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());

        Assert.That(bytes.Take(3), Is.EqualTo(Encoding.UTF8.Preamble.ToArray()), "a BOM, so that Excel reads UTF-8");
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("Regionkod;Region;Scenario;År;Observerat;Folkmängd;Män;Kvinnor;Födda;Döda;"));
        Assert.That(lines[0], Does.EndWith("80-89 år;90+ år"));
        var baseYear = lines.Single(l => l.StartsWith("1980;Västerås;main;2024;", StringComparison.Ordinal)).Split(';');
        Assert.That(double.Parse(baseYear[5], CultureInfo.InvariantCulture), Is.EqualTo(published), "the base year is SCB's published total");
        Assert.That(lines.Skip(1).SelectMany(l => l.Split(';').Skip(5).Take(9)), Has.None.Contains(","), "persons are whole numbers");
        Assert.That(lines.First(l => l.Contains(";1950;", StringComparison.Ordinal)), Does.Contain(";ja;"), "the history from 1950 is marked observed");
    }

    [Test]
    public async Task The_SVG_download_is_the_chart_on_the_page_and_parses()
    {
        await OpenAsync("?region=1904");

        var download = await _page.RunAndWaitForDownloadAsync(() => _page.ClickAsync("button[data-svg=components-chart]"));
        var svg = System.Xml.Linq.XDocument.Load(await download.PathAsync()).Root!;

        Assert.That(svg.Name.LocalName, Is.EqualTo("svg"));
        Assert.That(svg.Attribute("viewBox"), Is.Not.Null);
        Assert.That(svg.Descendants().Where(e => e.Name.LocalName == "title").Select(e => e.Value), Does.Contain("Skinnskatteberg: födda, döda och flyttningar per år"));
        Assert.That(svg.Descendants().Count(e => e.Name.LocalName == "path" && e.Attribute("data-series") is not null), Is.EqualTo(6), "births, deaths, moves in and out, immigration, emigration");
    }

    [Test]
    public async Task A_shared_link_opens_exactly_that_view()
    {
        await OpenAsync("?region=1904&scenario=low&year=2040&years=2030,2040&compare=base");

        await Expect(Labelled("Scenario")).ToHaveValueAsync("low");
        await Expect(_page.GetByRole(AriaRole.Slider)).ToHaveValueAsync("2040");
        await Expect(Labelled("Jämför med")).ToHaveValueAsync("base");
        Assert.That(await ChartTitleAsync("total-chart"), Does.StartWith("Skinnskatteberg"));
        await Expect(GroupsTable.Locator("thead th")).ToHaveTextAsync(["Grupp", "2024", "2030", "Förändring 2024–2030", "2040", "Förändring 2024–2040"]);
        Assert.That(await Labelled("Länk till precis den här vyn").InputValueAsync(), Does.Contain("region=1904").And.Contain("scenario=low"));
        Assert.That(await Labelled("Kod för att bädda in diagrammet över folkmängden på en egen webbsida").InputValueAsync(), Does.StartWith("<iframe src=\"" + _address + "/?region=1904&scenario=low&embed=1\""));
    }

    [Test]
    public async Task A_link_may_name_its_region_and_one_naming_no_region_or_scenario_says_so()
    {
        // ?region=Uppsala had opened Västmanland without a word: links took codes only.
        await OpenAsync("?region=Uppsala");
        await Expect(_page).ToHaveURLAsync(new Regex("region=0380"));
        await Expect(Labelled("Område")).ToHaveValueAsync("Uppsala (0380)");

        await _page.GotoAsync(_address + "/?region=Nowhere&scenario=deleted");
        await Expect(_page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Känner inte igen området ”Nowhere” i länken; visar Västmanlands län. Scenariot ”deleted” i länken finns inte (längre); visar huvudalternativet.");
        await Expect(Labelled("Område")).ToHaveValueAsync("Västmanlands län (19)");
        await Expect(Labelled("Scenario")).ToHaveValueAsync("main");
    }

    [Test]
    public async Task The_change_column_is_the_difference_from_the_base_year_in_persons_and_percent()
    {
        await OpenAsync("?region=1980&years=2034");

        var row = await GroupsTable.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = "Totalt" }).Locator("td").AllTextContentsAsync();
        var now = Persons(row[0]);
        var then = Persons(row[1]);
        var change = row[2];

        // Hand-computed from the two cells shown: persons and percent, Swedish signs and decimal comma.
        var expectedPercent = ((then - now) / now * 100).ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',').TrimStart('-');
        Assert.That(change, Does.StartWith((then >= now ? "+" : "−") + Math.Abs(then - now).ToString("#,0", CultureInfo.InvariantCulture).Replace(",", "\u00a0", StringComparison.Ordinal)));
        Assert.That(change, Does.EndWith($"({(then >= now ? "+" : "−")}{expectedPercent} %)"));
    }

    [Test]
    public async Task Axe_finds_no_serious_or_critical_accessibility_violations()
    {
        await OpenAsync("?region=1980");

        var result = await _page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes)").ToList();

        Assert.That(serious, Is.Empty);
    }

    [TestCase(360)]
    [TestCase(1280)]
    public async Task At_each_width_the_charts_fit_and_are_not_empty(int width)
    {
        await _page.SetViewportSizeAsync(width, 900);
        await OpenAsync("?region=1980");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"page-{width}.png"), FullPage = true });

        Assert.That(await _page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(width), "no sideways scrolling");
        foreach (var chart in new[] { "total-chart", "pyramid-chart", "components-chart" })
        {
            var box = await _page.Locator($"#{chart} svg").BoundingBoxAsync();
            Assert.That(box!.Width, Is.LessThanOrEqualTo(width), chart);

            // Drawn at the width it is shown, so that its 11–13 px text stays 11–13 px on a phone.
            var viewBoxWidth = double.Parse((await _page.Locator($"#{chart} svg").GetAttributeAsync("viewBox"))!.Split(' ')[2], CultureInfo.InvariantCulture);
            Assert.That(box.Width / viewBoxWidth, Is.GreaterThan(0.9), chart + ": not shrunk");

            var png = await _page.Locator($"#{chart}").ScreenshotAsync();
            var (inked, coloured) = Ink(png);
            Assert.That(inked, Is.GreaterThan(0.02), chart + ": a chart with lines, bars and text, not a blank box");
            Assert.That(coloured, Is.GreaterThan(0.005), chart + ": the data are drawn in colour");
            await File.WriteAllBytesAsync(Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{chart}-{width}.png"), png);
        }
    }

    [Test]
    public async Task The_page_loads_from_the_service_alone_and_reports_its_weight()
    {
        var requests = new List<string>();
        _page.Request += (_, request) => requests.Add(request.Url);
        await OpenAsync("?region=1980");

        Assert.That(requests, Has.All.StartWith(_address), "nothing is fetched from anywhere but the service (no CDN)");
        var timing = await _page.EvaluateAsync<JsonElement>("() => { const n = performance.getEntriesByType('navigation')[0]; const r = performance.getEntriesByType('resource'); return { load: n.loadEventEnd - n.startTime, page: n.transferSize + r.filter(e => !e.name.includes('/api/')).reduce((s, e) => s + e.encodedBodySize, 0), data: r.filter(e => e.name.includes('/api/')).reduce((s, e) => s + e.encodedBodySize, 0) }; }");
        TestContext.Out.WriteLine($"page load {timing.GetProperty("load").GetDouble():0} ms; page {timing.GetProperty("page").GetDouble() / 1024:0.0} KiB; data {timing.GetProperty("data").GetDouble() / 1024:0.0} KiB");
    }

    private async Task<double> CellAsync(string rowLabel, int year)
    {
        var headers = await GroupsTable.Locator("thead th").AllTextContentsAsync();
        var column = headers.ToList().IndexOf(year.ToString(CultureInfo.InvariantCulture));
        Assert.That(column, Is.GreaterThan(0), $"{year} is a column");
        var row = await GroupsTable.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = rowLabel }).Locator("th, td").AllTextContentsAsync();
        return Persons(row[column]);
    }

    private static double Persons(string cell) => double.Parse(cell.Replace("\u00a0", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace('−', '-'), CultureInfo.InvariantCulture);

    /// <summary>The share of pixels that are not white, and of those that are clearly coloured (not grey).</summary>
    private static (double Inked, double Coloured) Ink(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        long inked = 0, coloured = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red < 235 || c.Green < 235 || c.Blue < 235)
                {
                    inked++;
                }

                if (Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 60)
                {
                    coloured++;
                }
            }
        }

        double all = (long)bitmap.Width * bitmap.Height;
        return (inked / all, coloured / all);
    }
}
