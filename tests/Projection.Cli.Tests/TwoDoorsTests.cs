using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Projection.Tests;

namespace Projection.Cli.Tests;

/// <summary>
/// The command line and the service as one product: the real service (its own process on
/// 127.0.0.1) and the real `projection` program on one store. A scenario saved through the API is
/// used by a CLI batch, whose runs the API then serves.
/// </summary>
public partial class TwoDoorsTests
{
    [Test]
    public async Task A_scenario_saved_through_the_API_runs_in_a_CLI_batch_whose_runs_the_API_serves()
    {
        var directory = Directory.CreateTempSubdirectory("projection-doors-").FullName;
        var store = Path.Combine(directory, "store.db");
        try
        {
            // A key for writing, issued on the command line as a region's administrator would.
            var issued = CliProcess.RunIn(directory, "keys", "create", "--name", "planners", "--db", store);
            Assert.That(issued.ExitCode, Is.Zero, issued.Error);
            using var service = StartService(store);
            using var http = new HttpClient { BaseAddress = service.Address };
            http.DefaultRequestHeaders.Add("X-Api-Key", issued.Out.Trim());

            using var saved = await http.PostAsJsonAsync("/api/v1/scenarios", new { name = "fler-barn", fertility = new { multiplier = 1.2 }, horizon = 10 });
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Created), await saved.Content.ReadAsStringAsync());

            var batch = Path.Combine(directory, "batch.json");
            File.WriteAllText(batch, """{ "name": "doors", "runs": [ { "name": "fler-barn-vasteras", "scenario": "fler-barn", "regions": ["1980"] } ] }""");
            var run = CliProcess.RunIn(directory, "batch", batch, "--db", store, "--out", Path.Combine(directory, "out"));
            Assert.That(run.ExitCode, Is.Zero, run.Error);

            var runs = await http.GetFromJsonAsync<JsonElement>("/api/v1/runs");
            var listed = runs.EnumerateArray().Single();
            Assert.That(listed.GetProperty("name").GetString(), Is.EqualTo("fler-barn-vasteras"));
            Assert.That(listed.GetProperty("scenario").GetString(), Is.EqualTo("fler-barn"));
            var served = await http.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{listed.GetProperty("id").GetString()}");
            var projection = served.GetProperty("projections")[0];
            Assert.That(projection.GetProperty("region").GetString(), Is.EqualTo("1980"));
            Assert.That(projection.GetProperty("years").EnumerateArray().Last().GetProperty("year").GetInt32(), Is.EqualTo(2034), "the saved scenario's horizon of 10 years");

            // The same scenario by name in a projection on the command line, which finds the store by PROJECTION_STORE as the service could.
            var single = CliProcess.RunWithStore(directory, store, "run", "--region", "1980", "--scenario", "fler-barn", "--format", "json");
            Assert.That(single.ExitCode, Is.Zero, single.Error);
            Assert.That(JsonDocument.Parse(single.Out).RootElement.GetProperty("scenario").GetString(), Is.EqualTo("fler-barn"));

            // One column set from both doors: the CLI's CSV is the service's, byte for byte (both in Swedish Excel's variant too).
            foreach (var (format, query) in new[] { ("csv", "csv"), ("excel", "csv-excel") })
            {
                var cli = CliProcess.RunWithStore(directory, store, "run", "--region", "1980", "--format", format);
                Assert.That(cli.ExitCode, Is.Zero, cli.Error);
                var fromService = await http.GetByteArrayAsync($"/api/v1/projections/1980?format={query}&from=2024");
                Assert.That(cli.Out, Is.EqualTo(System.Text.Encoding.UTF8.GetString(fromService).TrimStart((char)0xFEFF)), format + " (the reader of the CLI's output takes the BOM)");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task The_command_line_draws_the_services_charts_byte_for_byte()
    {
        var directory = Directory.CreateTempSubdirectory("projection-charts-").FullName;
        var store = Path.Combine(directory, "store.db");
        try
        {
            using var service = StartService(store);
            using var http = new HttpClient { BaseAddress = service.Address };
            var charts = new (string[] Arguments, string Url)[]
            {
                (["--region", "1904", "--format", "svg"], "/api/v1/projections/1904/charts/total.svg"),
                (["--region", "1904", "--format", "svg", "--chart", "components", "--scenario", "high"], "/api/v1/projections/1904/charts/components.svg?scenario=high"),
                (["--region", "19", "--format", "svg", "--chart", "pyramid", "--year", "2040"], "/api/v1/projections/19/charts/pyramid.svg?year=2040"),
            };
            foreach (var (arguments, url) in charts)
            {
                var cli = CliProcess.RunWithStore(directory, store, ["run", .. arguments]);
                Assert.That(cli.ExitCode, Is.Zero, cli.Error);
                Assert.That(cli.Out, Is.EqualTo(await http.GetStringAsync(url)), url);
            }

            // A PNG too, read from the program's standard output as bytes.
            var png = CliProcess.BytesWithStore(directory, store, "run", "--region", "1980", "--format", "png", "--chart", "components");
            Assert.That(png, Is.EqualTo(await http.GetByteArrayAsync("/api/v1/projections/1980/charts/components.png")));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    internal sealed class Service(Process process, Uri address) : IDisposable
    {
        public Uri Address { get; } = address;

        public void Dispose()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }
    }

    /// <summary>The service's own program, built beside this project's output, on a free port of 127.0.0.1.</summary>
    internal static Service StartService(string store)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var program = RepositoryFiles.PathOf(Path.Combine("src", "Projection.Api", "bin", testOutput.Parent!.Name, testOutput.Name, "Projection.Api.dll"));
        var start = new ProcessStartInfo("dotnet", [program])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(program)!,
        };
        start.Environment["Projection__StorePath"] = store;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Scb__BaseUrlV2"] = "http://127.0.0.1:9/api/v2/";
        var process = Process.Start(start)!;
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null && Listening().Match(line.Data) is { Success: true } match)
            {
                address.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!address.Task.Wait(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The service did not say where it listens within a minute.");
        }

        return new Service(process, address.Task.Result);
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
