using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Projection.Api.Tests;

/// <summary>
/// What one request must not be able to do to the service: cut a response off, be read as
/// something it did not say, or ask for more work than the service gives anyone. The requests are
/// the ones the reliability review sent (issue 14).
/// </summary>
public class RobustnessTests : ApplicationFixture
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response)
    {
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Test]
    public async Task Assumptions_that_empty_the_population_give_whole_JSON_with_null_indicators()
    {
        // No births, five times the deaths growing 5 % a year, everyone leaving: Skinnskatteberg is empty long before 2124.
        using var response = await Client.PostAsync("/api/v1/projections", Json("""
            {"horizon":100,"fertility":{"multiplier":0},"mortality":{"multiplier":5,"annualImprovement":-0.05},
             "migration":{"domesticIn":0,"domesticOut":5,"immigration":0,"emigration":5},"regions":["1904"]}
            """));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await response.Content.ReadAsStringAsync();
        var root = JsonDocument.Parse(body).RootElement; // throws if the body was cut off
        var last = root.GetProperty("projections")[0].GetProperty("years").EnumerateArray().Last();
        Assert.That(last.GetProperty("year").GetInt32(), Is.EqualTo(2124));
        Assert.That(last.GetProperty("total").GetDouble(), Is.EqualTo(0).Within(0.5), "the population is gone");
        Assert.That(last.GetProperty("medianAge").ValueKind, Is.EqualTo(JsonValueKind.Null), "the median age of no one is undefined");
        Assert.That(last.GetProperty("dependencyRatio").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(body, Does.Not.Contain("NaN"));
    }

    [Test]
    public async Task A_misspelt_field_is_a_400_naming_it_without_dotnet_type_names()
    {
        using var response = await Client.PostAsync("/api/v1/projections", Json("""{"fertilty":{"multiplier":1.2}}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ProblemOf(response);
        Assert.That(problem.GetProperty("errors").TryGetProperty("fertilty", out _), Is.True, problem.ToString());
        Assert.That(problem.ToString(), Does.Not.Contain("Projection.").And.Not.Contain("System."));
    }

    [TestCase("""{"horizon":5,"horizon":40}""", "horizon")]
    [TestCase("""{"horizon":5,"Horizon":40}""", "Horizon")]
    [TestCase("""{"fertility":{"multiplier":1.1,"multiplier":0.5}}""", "fertility.multiplier")]
    public async Task A_field_given_twice_is_a_400_naming_it_not_the_last_value_silently(string body, string field)
    {
        // JSON leaves a repeated name's meaning open (RFC 8259 §4); a planner who pasted two
        // horizons would otherwise get a projection of whichever came last, with no word of it.
        using var response = await Client.PostAsync("/api/v1/projections", Json(body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ProblemOf(response);
        Assert.That(problem.GetProperty("errors").GetProperty(field)[0].GetString(), Is.EqualTo("is given more than once; give it once."), problem.ToString());
    }

    [Test]
    public async Task A_value_of_the_wrong_type_names_the_field_and_what_it_must_be()
    {
        using var response = await Client.PostAsync("/api/v1/projections", Json("""{"horizon":"ten"}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ProblemOf(response);
        Assert.That(problem.GetProperty("errors").GetProperty("horizon")[0].GetString(), Is.EqualTo("must be a whole number."));
        Assert.That(problem.ToString(), Does.Not.Contain("Nullable"));
    }

    [Test]
    public async Task A_query_value_of_the_wrong_type_names_the_parameter()
    {
        using var response = await Client.GetAsync("/api/v1/projections/19?from=abc");

        var problem = await ProblemOf(response);
        Assert.That(problem.GetProperty("errors").GetProperty("from")[0].GetString(), Is.EqualTo("'abc' is not a whole number."));
    }

    [Test]
    public async Task An_unknown_query_parameter_is_a_400_naming_it()
    {
        using var response = await Client.GetAsync("/api/v1/projections/1980?scenaro=high");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ProblemOf(response);
        Assert.That(problem.GetProperty("errors").GetProperty("scenaro")[0].GetString(), Does.Contain("scenario"));
    }

    [Test]
    public async Task Every_endpoint_refuses_a_query_parameter_it_does_not_read()
    {
        // Every route the service maps under /api/v1, as the running service lists them, each asked with a parameter no endpoint reads.
        using var app = new ProjectionApplication();
        using var client = app.CreateClient();
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (Method: method, Pattern: e.RoutePattern.RawText!)))
            .ToList();
        Assert.That(routes.Select(r => $"{r.Method} {r.Pattern}"), Has.Member("GET /api/v1/regions/").And.Member("GET /api/v1/runs/{id}").And.Member("DELETE /api/v1/batches/{id}"), "the API's routes, as the service lists them");

        var accepted = new List<string>();
        foreach (var (method, pattern) in routes)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, "{([a-zA-Z]+)(:[a-z]+)?}", m => m.Groups[1].Value switch
            {
                "regionCode" => "19",
                "name" => "main",
                "extension" => "svg",
                _ => Guid.Empty.ToString(),
            });
            using var request = new HttpRequestMessage(new HttpMethod(method), $"{path}?colour=blue");
            if (method is "POST" or "PUT")
            {
                request.Content = Json("{}");
            }

            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            // A HEAD answer has no body to name the parameter in: its status says it.
            if (response.StatusCode != HttpStatusCode.BadRequest || (method != "HEAD" && !body.Contains("\"colour\"", StringComparison.Ordinal)))
            {
                accepted.Add($"{method} {pattern}: {(int)response.StatusCode}");
            }
        }

        Assert.That(accepted, Is.Empty, "endpoints that took ?colour=blue without a word");
    }

    [Test]
    public async Task One_wrong_parameter_is_named_alone_never_beside_one_the_client_did_not_send()
    {
        // Each parameter an endpoint reads, sent alone with a value it must refuse; the answer must name that parameter and no other.
        var wrong = new Dictionary<string, string>
        {
            ["scenario"] = "medium", ["from"] = "1800", ["to"] = "2300", ["years"] = "1800", ["ageGroups"] = "x", ["format"] = "xml",
            ["trajectories"] = "0", ["seed"] = "-1", ["year"] = "1800", ["download"] = "maybe",
        };
        var endpoints = new Dictionary<string, string[]>
        {
            ["/api/v1/projections/19"] = ["scenario", "from", "to", "years", "ageGroups", "format", "trajectories", "seed"],
            ["/api/v1/projections/19/pyramid"] = ["year", "scenario", "format", "trajectories", "seed"],
            ["/api/v1/projections/19/charts/total.svg"] = ["scenario", "from", "to", "trajectories", "seed", "download"],
            ["/api/v1/projections/19/charts/pyramid.svg"] = ["year", "scenario", "download", "trajectories", "seed"],
            ["/api/v1/projections/19/charts/components.svg"] = ["scenario", "from", "to", "download"],
        };

        var misnamed = new List<string>();
        foreach (var (path, parameters) in endpoints)
        {
            foreach (var parameter in parameters)
            {
                using var response = await Client.GetAsync($"{path}?{parameter}={wrong[parameter]}");
                var named = response.StatusCode == HttpStatusCode.BadRequest
                    ? (await ProblemOf(response)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList()
                    : [$"status {(int)response.StatusCode}"];
                if (named is not [var only] || only != parameter)
                {
                    misnamed.Add($"{path}?{parameter}={wrong[parameter]}: {string.Join(", ", named)}");
                }
            }
        }

        Assert.That(misnamed, Is.Empty);
    }

    [Test]
    public async Task A_null_region_is_a_400_not_a_500()
    {
        using var response = await Client.PostAsync("/api/v1/projections", Json("""{"regions":[null]}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(response)).GetProperty("errors").TryGetProperty("regions", out _), Is.True);
    }

    [Test]
    public async Task Repeated_regions_are_answered_once_each()
    {
        var regions = string.Join(",", Enumerable.Repeat("\"19\"", 12_000));
        using var response = await Client.PostAsync("/api/v1/projections", Json($$"""{"horizon":5,"regions":[{{regions}}]}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(root.GetProperty("projections").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task More_different_regions_than_the_limit_are_a_400_naming_the_limit()
    {
        var regions = string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"{9000 + i}\""));
        using var response = await Client.PostAsync("/api/v1/projections", Json($$"""{"regions":[{{regions}}]}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(response)).GetProperty("errors").GetProperty("regions")[0].GetString(), Does.Contain("MaxRegionsPerRequest"));
    }

    [Test]
    public async Task A_stochastic_request_over_the_cost_limit_is_a_400_saying_how_to_do_more()
    {
        // 5,000 trajectories are allowed, but not over 100 years: 500,000 trajectory-years > 150,000.
        using var response = await Client.PostAsync("/api/v1/projections", Json("""{"horizon":100,"trajectories":5000}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var message = (await ProblemOf(response)).GetProperty("errors").GetProperty("trajectories")[0].GetString();
        Assert.That(message, Does.Contain("500,000 trajectory-years").And.Contain("projection run --trajectories"));
    }

    [Test]
    public async Task The_batch_that_took_the_host_down_is_refused_before_it_is_queued()
    {
        using var response = await Client.PostAsync("/api/v1/batches", Json("""
            {"name":"big","runs":[{"name":"t","regions":["19"],"horizon":100,"trajectories":100000}]}
            """));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ProblemOf(response);
        Assert.That(problem.GetProperty("errors").GetProperty("runs[0].trajectories")[0].GetString(), Does.Contain("10,000,000 trajectory-years").And.Contain("projection batch"));
        using var runs = await Client.GetAsync("/api/v1/runs");
        Assert.That(await runs.Content.ReadAsStringAsync(), Does.Not.Contain("\"big\""));
    }

    [Test]
    public async Task A_region_may_be_named_and_an_unknown_name_is_answered_with_the_nearest()
    {
        var byName = await Client.GetFromJsonAsync<JsonElement>("/api/v1/projections/vasteras?from=2024&to=2026");
        Assert.That(byName.GetProperty("region").GetString(), Is.EqualTo("1980"));
        Assert.That(byName.GetProperty("regionName").GetString(), Is.EqualTo("Västerås"));

        using var unknown = await Client.GetAsync("/api/v1/projections/Vesteros");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await ProblemOf(unknown)).GetProperty("detail").GetString(), Does.Contain("Nearest: Västerås (1980)"));
    }

    [TestCase("/api/v1/regions", "br", 0.1)]
    [TestCase("/api/v1/projections/1980?format=csv", "gzip", 0.5)]
    [TestCase("/api/v1/projections/19/charts/total.svg", "br", 0.3)]
    public async Task A_client_that_accepts_compression_gets_the_same_body_in_far_fewer_bytes(string url, string encoding, double atMost)
    {
        using var plain = await Client.GetAsync(url);
        var body = await plain.Content.ReadAsStringAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd(encoding);

        using var compressed = await Client.SendAsync(request);

        Assert.That(plain.Content.Headers.ContentEncoding, Is.Empty, "no compression unless asked");
        Assert.That(compressed.Content.Headers.ContentEncoding, Is.EqualTo(new[] { encoding }));
        var bytes = await compressed.Content.ReadAsByteArrayAsync();
        using var input = new MemoryStream(bytes);
        using Stream decoder = encoding == "br" ? new System.IO.Compression.BrotliStream(input, System.IO.Compression.CompressionMode.Decompress) : new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(decoder);
        var decoded = await reader.ReadToEndAsync();

        Assert.That(decoded, Is.EqualTo(body), "the same body, whole");
        Assert.That(bytes.Length, Is.LessThan(Encoding.UTF8.GetByteCount(body) * atMost), $"{bytes.Length} bytes against {Encoding.UTF8.GetByteCount(body)}");
        TestContext.Out.WriteLine($"{url}: {bytes.Length} bytes {encoding} against {Encoding.UTF8.GetByteCount(body)}");
    }

    [Test]
    public async Task The_service_does_not_name_its_web_server()
    {
        using var response = await Client.GetAsync("/health/live");

        Assert.That(response.Headers.Contains("Server"), Is.False);
    }
}

public class StochasticGateTests
{
    [Test]
    public async Task Work_beyond_the_running_and_waiting_limits_is_refused_with_a_time_to_retry()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new ProjectionServiceOptions { StochasticConcurrency = 1, StochasticQueue = 1 });
        using var gate = new Hosting.StochasticGate(options);
        var release = new TaskCompletionSource();
        var running = gate.RunAsync(() => release.Task.Wait(TimeSpan.FromMinutes(1)), CancellationToken.None);
        var waiting = gate.RunAsync(() => true, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<Hosting.ServiceBusyException>(() => gate.RunAsync(() => true, CancellationToken.None));

        Assert.That(refused!.RetryAfter, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(waiting.IsCompleted, Is.False, "the second waits for the first");
        release.SetResult();
        Assert.That(await running, Is.True);
        Assert.That(await waiting, Is.True, "and runs when the first is done");
    }
}

public class PoisonBatchTests
{
    [Test]
    public async Task A_job_that_stopped_the_service_three_times_fails_with_a_reason_and_the_service_goes_on()
    {
        using var store = new Projection.Tests.TemporaryStore();
        var jobs = new Projection.Store.BatchJobStore(store.Path);
        var job = jobs.Add("poison", """{"name":"poison","runs":[{"name":"a","horizon":5}]}""", DateTimeOffset.UtcNow);
        jobs.Start(job.Id, DateTimeOffset.UtcNow.AddHours(-1));
        for (var i = 0; i < Batches.BatchWorker.MaxAttempts; i++)
        {
            // Each start of its run that the process did not survive: claimed, and the claim ran out.
            jobs.ClaimRun(job.Id, "a", $"dead-{i}", DateTimeOffset.UtcNow.AddHours(-1).AddMinutes(2 * i), TimeSpan.FromMinutes(1));
        }

        using var app = new ProjectionApplication(settings: new Dictionary<string, string> { ["Projection:StorePath"] = store.Path });
        using var client = app.CreateClient();
        JsonElement status = default;
        for (var wait = 0; wait < 100; wait++)
        {
            using var response = await client.GetAsync($"/api/v1/batches/{job.Id}");
            status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (status.GetProperty("state").GetString() != "running" && status.GetProperty("state").GetString() != "queued")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("failed"));
        Assert.That(status.GetProperty("error").GetString(), Does.Contain("not tried again"));
        using var live = await client.GetAsync("/health/live");
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

public class DamagedStoreTests
{
    [Test]
    public void A_store_that_is_not_a_database_stops_the_start_with_a_message_naming_it_and_no_stack_trace()
    {
        var path = Path.Combine(Path.GetTempPath(), $"projection-damaged-{Guid.NewGuid():N}.db");
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Projection.Api.dll")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            start.Environment["Projection__StorePath"] = path;
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["Scb__BaseUrlV2"] = "http://127.0.0.1:9/api/v2/";
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("the service started on a store that is not a database");
            }

            Assert.That(process.ExitCode, Is.EqualTo(3));
            Assert.That(error.Result, Does.Contain(path).And.Contain("cannot be used").And.Contain("move it away"));
            Assert.That(error.Result + output.Result, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(bytes), "the file is left as it was");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
