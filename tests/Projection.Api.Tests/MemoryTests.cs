using System.Net.Http.Json;

namespace Projection.Api.Tests;

public class MemoryTests
{
    [Test]
    public async Task Saving_and_projecting_400_scenarios_keeps_the_services_memory_bounded()
    {
        using var app = new ProjectionApplication(customProjectionsPerMinute: 1_000_000, settings: new Dictionary<string, string> { ["Projection:MaxSavedScenariosPerKey"] = "1000" });
        using var client = app.CreateClient();
        long after100 = 0;
        for (var i = 0; i < 400; i++)
        {
            // Each a 100-year scenario: about 11 MB of projection once computed, which the catalog used to keep for ever.
            (await client.PostAsJsonAsync("/api/v1/scenarios", new { name = $"s{i}", horizon = 100, fertility = new { multiplier = 1 + (i / 10_000.0) } })).EnsureSuccessStatusCode();
            (await client.GetAsync($"/api/v1/projections/1984?scenario=s{i}&from=2120")).EnsureSuccessStatusCode();
            if (i == 99)
            {
                after100 = Settled();
            }
        }

        var after400 = Settled();

        // Unbounded, 300 more such projections would hold some 3 GB more; the catalog keeps 3,000 projected years in all.
        Assert.That(after400 - after100, Is.LessThan(400L * 1024 * 1024), $"after 100: {after100 / 1048576} MB, after 400: {after400 / 1048576} MB");
    }

    private static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
