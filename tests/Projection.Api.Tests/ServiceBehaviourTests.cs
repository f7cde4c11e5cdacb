using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Projection.Api.Tests;

public class ServiceBehaviourTests
{
    [TestCase("Development")]
    [TestCase("Production")]
    public async Task Malformed_JSON_is_a_400_problem_in_every_environment(string environment)
    {
        using var app = new ProjectionApplication(environment);
        using var client = app.CreateClient();
        using var content = new StringContent("{ \"horizon\": 10, ", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/v1/projections", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task An_oversize_body_is_a_413_problem()
    {
        using var app = new ProjectionApplication();
        using var client = app.CreateClient();
        var huge = "{\"name\":\"" + new string('x', 200_000) + "\"}";
        using var content = new StringContent(huge, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/v1/projections", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Custom_projections_are_rate_limited_with_Retry_After_but_cached_GETs_are_not()
    {
        using var app = new ProjectionApplication(customProjectionsPerMinute: 2);
        using var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var get = await client.GetAsync("/api/v1/projections/19");
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            using var content = new StringContent("{\"horizon\": 2}", Encoding.UTF8, "application/json");
            last = await client.PostAsync("/api/v1/projections", content);
            statuses.Add(last.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.That(last!.Headers.RetryAfter, Is.Not.Null);
        Assert.That(last.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        last.Dispose();
    }

    [Test]
    public async Task Every_GET_answers_HEAD_with_the_same_status_and_headers_and_no_body()
    {
        using var app = new ProjectionApplication();
        using var client = app.CreateClient();

        // Every route the running service lists that answers GET also lists HEAD.
        var withoutHead = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => (Pattern: e.RoutePattern.RawText, Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods))
            .Where(e => e.Methods is { } methods && methods.Contains("GET") && !methods.Contains("HEAD"))
            .Select(e => e.Pattern)
            .ToList();
        Assert.That(withoutHead, Is.Empty, "GET routes that refuse HEAD");

        // And each answers it as RFC 9110 says: the GET's status and headers, no body (Kestrel sends none).
        string[] paths =
        [
            "/api/v1/regions", "/api/v1/scenarios", "/api/v1/scenarios/main", "/api/v1/projections/1980",
            "/api/v1/projections/1980?format=csv-excel", "/api/v1/projections/19/pyramid?year=2040",
            "/api/v1/projections/19/charts/total.svg", "/api/v1/runs", "/health/live", "/",
            "/api/v1/projections/9999", "/api/v1/projections/19?colour=blue",
        ];
        foreach (var path in paths)
        {
            using var get = await client.GetAsync(path);
            using var headRequest = new HttpRequestMessage(HttpMethod.Head, path);
            using var head = await client.SendAsync(headRequest);
            var getBody = await get.Content.ReadAsByteArrayAsync();
            var headBody = await head.Content.ReadAsByteArrayAsync();

            Assert.That(head.StatusCode, Is.EqualTo(get.StatusCode), path);
            Assert.That(head.Content.Headers.ContentType?.ToString(), Is.EqualTo(get.Content.Headers.ContentType?.ToString()), path);
            Assert.That(head.Headers.ETag, Is.EqualTo(get.Headers.ETag), path);
            Assert.That(getBody, Is.Not.Empty, path);
            Assert.That(headBody, Is.Empty, path);
        }

        // A cache revalidating with HEAD and the ETag is told nothing changed.
        using var first = await client.GetAsync("/api/v1/projections/1980");
        using var conditional = new HttpRequestMessage(HttpMethod.Head, "/api/v1/projections/1980");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await client.SendAsync(conditional);
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task Health_live_and_ready_answer()
    {
        using var app = new ProjectionApplication();
        using var client = app.CreateClient();

        Assert.That(await client.GetStringAsync("/health/live"), Is.EqualTo("Healthy"));
        Assert.That(await client.GetStringAsync("/health/ready"), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Regions_and_scenarios_are_listed_with_their_provenance_and_sources()
    {
        using var app = new ProjectionApplication();
        using var client = app.CreateClient();

        var regions = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/regions")).RootElement.EnumerateArray().ToList();
        var scenarios = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/scenarios")).RootElement.EnumerateArray().ToList();

        // Every county and municipality of Sweden (boundaries of 2019): the home county and its ten first.
        Assert.That(regions, Has.Count.EqualTo(21 + 290));
        Assert.That(regions.Count(r => r.GetProperty("level").GetString() == "county"), Is.EqualTo(21));
        Assert.That(regions.Select(r => r.GetProperty("code").GetString()).Distinct().Count(), Is.EqualTo(311));
        var county = regions[0];
        Assert.That((county.GetProperty("code").GetString(), county.GetProperty("latestObservedYear").GetInt32(), county.GetProperty("latestObservedPopulation").GetDouble()), Is.EqualTo(("19", 2024, 281158.0)));
        Assert.That(county.GetProperty("provenance").EnumerateArray().Select(p => p.GetProperty("status").GetString()), Is.EqualTo(new[] { "observed", "modeled", "modeled", "modeled" }));
        Assert.That(county.GetProperty("provenance")[3].GetProperty("method").GetString(), Does.Contain("five-year age bands"), "the age pattern of mortality improvement says where it comes from");
        Assert.That(regions.Take(11).Select(r => (r.GetProperty("county").GetString(), r.GetProperty("baseYear").GetInt32(), r.GetProperty("baseAgesObserved").GetBoolean())), Is.All.EqualTo(("19", 2024, false)), "on the embedded default the base year's ages are modeled");
        Assert.That(regions.Skip(11).Select(r => (r.GetProperty("baseYear").GetInt32(), r.GetProperty("baseAgesObserved").GetBoolean())), Is.All.EqualTo((2019, true)), "elsewhere SCB's real ages of 2019 are the base");

        // Kiruna: SCB's population on 31 December 2019 (BE0101N1), in Norrbotten (25), its published history from 2001.
        var kiruna = regions.Single(r => r.GetProperty("code").GetString() == "2584");
        Assert.That((kiruna.GetProperty("name").GetString(), kiruna.GetProperty("county").GetString(), kiruna.GetProperty("latestObservedYear").GetInt32(), kiruna.GetProperty("latestObservedPopulation").GetDouble(), kiruna.GetProperty("firstObservedYear").GetInt32()), Is.EqualTo(("Kiruna", "25", 2019, 22867.0, 2001)));
        Assert.That(kiruna.GetProperty("provenance").EnumerateArray().Select(p => p.GetProperty("source").GetString()), Has.Some.Contain("series of Sweden"), "Norrbotten has no series offline: its rates are Sweden's, and the region says so");
        Assert.That(scenarios.Select(s => s.GetProperty("name").GetString()), Is.EquivalentTo(new[] { "main", "low", "high" }));
        Assert.That(scenarios.Select(s => s.GetProperty("sources").GetArrayLength()), Is.All.GreaterThan(0));
    }

    [Test]
    public async Task The_OpenAPI_document_matches_its_snapshot()
    {
        using var app = new ProjectionApplication();
        using var client = app.CreateClient();

        var document = (await client.GetStringAsync("/swagger/v1/swagger.json")).ReplaceLineEndings("\n");
        Assert.That(document, Is.EqualTo(Golden.Read("openapi.json", document).ReplaceLineEndings("\n")), "the API's contract changed: review the difference and update Golden/openapi.json");
    }

    [Test]
    public async Task Swagger_explains_every_operation_and_parameter_in_words_not_by_repeating_the_path()
    {
        using var app = new ProjectionApplication();
        using var client = app.CreateClient();
        using var document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));

        var undescribed = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var where = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var summary = operation.Value.TryGetProperty("summary", out var s) ? s.GetString() ?? "" : "";
                if (summary.Length < 10 || summary.Contains("/api/", StringComparison.Ordinal) || summary.StartsWith(operation.Name.ToUpperInvariant() + " ", StringComparison.Ordinal))
                {
                    undescribed.Add($"{where}: summary '{summary}'");
                }

                foreach (var parameter in operation.Value.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : default)
                {
                    if (!parameter.TryGetProperty("description", out var d) || string.IsNullOrWhiteSpace(d.GetString()))
                    {
                        undescribed.Add($"{where}: parameter {parameter.GetProperty("name").GetString()}");
                    }
                }
            }
        }

        Assert.That(undescribed, Is.Empty);
    }
}

public class UnexpectedErrorTests
{
    [Test]
    public async Task An_unexpected_error_is_a_500_problem_without_exception_text()
    {
        using var app = new FailingApplication();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/test/boom");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(body, Does.Contain("An unexpected error occurred."));
        Assert.That(body, Does.Not.Contain("secret detail").And.Not.Contain("InvalidOperationException").And.Not.Contain("   at "));
    }

    /// <summary>The real service with one extra step at the very end of its pipeline that fails, as a bug would.</summary>
    private sealed class FailingApplication : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        private readonly Projection.Tests.TemporaryStore _store = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("Projection:StorePath", _store.Path);
            builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ThrowAtTheEnd>());
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            _store.Dispose();
        }
    }

    private sealed class ThrowAtTheEnd : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path == "/test/boom"
                ? throw new InvalidOperationException("secret detail")
                : Task.CompletedTask);
        };
    }
}
