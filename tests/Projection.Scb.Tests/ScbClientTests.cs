using System.Globalization;

namespace Projection.Scb.Tests;

public class ScbClientTests
{
    private static ScbQuery Population(FakeScb fake, int fromYear = 2015) => new(
        FakeScb.Table,
        [
            new("Region", fake.Regions),
            new("Alder", fake.Ages),
            new("Kon", ["1", "2"]),
            new("ContentsCode", ["BE0101N1"]),
            new("Tid", fake.Years.Where(y => int.Parse(y, CultureInfo.InvariantCulture) >= fromYear).ToArray()),
        ]);

    private static void AssertEveryCellIsTheFakes(ScbTable table)
    {
        foreach (var (codes, value) in table.Cells())
        {
            Assert.That(value, Is.EqualTo(FakeScb.ValueOf(codes)), string.Join(",", codes));
        }
    }

    [Test]
    public async Task A_query_over_the_cell_limit_is_split_fetched_and_merged_cell_for_cell()
    {
        await using var fake = await FakeScb.StartAsync();
        fake.MaxCells = 5_000;
        using var host = new ScbTestHost(fake);

        var limits = await host.Client.ReadLimitsAsync(CancellationToken.None);
        var query = Population(fake);
        var table = await host.Client.GetTableAsync(query, CancellationToken.None);

        Assert.That(limits.MaxCells, Is.EqualTo(5_000));
        Assert.That(table.Values, Has.Length.EqualTo(query.Cells));
        AssertEveryCellIsTheFakes(table);
        Assert.That(fake.Requests.Select(r => r.Cells), Is.All.LessThanOrEqualTo(5_000));
        Assert.That(fake.Requests.Count(r => r.Path.EndsWith("/data", StringComparison.Ordinal)), Is.EqualTo((int)Math.Ceiling(query.Cells / 4_444.0)));
        Assert.That(table.Dimension("Region").Labels["1980"], Is.EqualTo("Västerås"));
    }

    [Test]
    public async Task Transient_faults_are_retried_and_the_table_equals_the_fault_free_one()
    {
        await using var fake = await FakeScb.StartAsync();
        fake.SlowDelay = TimeSpan.FromSeconds(3);
        using var clean = new ScbTestHost(fake);
        var query = Population(fake, 2022);
        var expected = await clean.Client.GetTableAsync(query, CancellationToken.None);

        fake.Enqueue(Fault.TooManyRequestsWithRetryAfter, Fault.TooManyRequests, Fault.ServiceUnavailable, Fault.Slow);
        using var faulty = new ScbTestHost(fake);
        var table = await faulty.Client.GetTableAsync(query, CancellationToken.None);

        Assert.That(table.Values, Is.EqualTo(expected.Values));
        Assert.That(faulty.Counters.Retries, Is.EqualTo(4));
        Assert.That(faulty.Counters.Calls, Is.EqualTo(clean.Counters.Calls + 4), "every attempt is a call that SCB counts against its limit: the clean calls and one per retry");
    }

    [TestCase(Fault.HtmlNotFound, "404", "HTML error page")]
    [TestCase(Fault.TooManyCells, "403", "Too many cells")]
    public async Task A_refusal_is_not_retried_and_names_the_table_and_query(Fault fault, string status, string detail)
    {
        await using var fake = await FakeScb.StartAsync();
        fake.Enqueue(fault);
        using var host = new ScbTestHost(fake);

        var error = await Assert.ThrowsAsync<ScbRequestException>(() => host.Client.GetTableAsync(Population(fake, 2024), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain(status).And.Contain(detail).And.Contain("TAB638: Region=19..").And.Contain("Tid=2024"));
        Assert.That(host.Counters.Retries, Is.Zero);
    }

    [Test]
    public async Task A_truncated_body_fails_the_whole_table()
    {
        await using var fake = await FakeScb.StartAsync();
        fake.Enqueue(Fault.Truncated);
        using var host = new ScbTestHost(fake);

        var error = await Assert.ThrowsAsync<ScbFormatException>(() => host.Client.GetTableAsync(Population(fake, 2024), CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("not complete JSON"));
    }

    [Test]
    public async Task Unreadable_limits_fall_back_to_ten_calls_in_ten_seconds_and_100000_cells()
    {
        await using var fake = await FakeScb.StartAsync();
        fake.ConfigBroken = true;
        using var host = new ScbTestHost(fake, configure: o => o.MaxRetries = 0);

        var limits = await host.Client.ReadLimitsAsync(CancellationToken.None);

        Assert.That(limits, Is.EqualTo(ScbApiLimits.Fallback));
        Assert.That(host.Pacer.Limits, Is.EqualTo(ScbApiLimits.Fallback));
    }

    [Test]
    public async Task Calls_never_exceed_SCBs_rate_on_the_servers_clock()
    {
        await using var fake = await FakeScb.StartAsync();
        fake.MaxCalls = 4;
        fake.WindowSeconds = 1;
        fake.MaxCells = 3_000;
        using var host = new ScbTestHost(fake);
        await host.Client.ReadLimitsAsync(CancellationToken.None);

        await host.Client.GetTableAsync(Population(fake, 2014), CancellationToken.None);

        var times = fake.Requests.Select(r => r.At).Order().ToList();
        Assert.That(times, Has.Count.GreaterThanOrEqualTo(10));
        for (var i = 0; i + 4 < times.Count; i++)
        {
            Assert.That(times[i + 4] - times[i], Is.GreaterThan(TimeSpan.FromMilliseconds(900)), $"calls {i}..{i + 4}");
        }
    }

    [Test]
    public async Task The_v1_API_is_spoken_too_with_json_stat2_asked_for_explicitly()
    {
        await using var fake = await FakeScb.StartAsync();
        using var host = new ScbTestHost(fake, ScbApiVersion.V1);

        var metadata = await host.Client.GetMetadataAsync(FakeScb.V1Path, CancellationToken.None);
        var table = await host.Client.GetTableAsync(Population(fake, 2023) with { TableId = FakeScb.V1Path }, CancellationToken.None);

        Assert.That(metadata.Single(d => d.Id == "Civilstand").Elimination, Is.True);
        AssertEveryCellIsTheFakes(table);
    }

    [Test]
    public async Task V2_metadata_lists_the_variables_and_which_may_be_eliminated()
    {
        await using var fake = await FakeScb.StartAsync();
        using var host = new ScbTestHost(fake);

        var metadata = await host.Client.GetMetadataAsync(FakeScb.Table, CancellationToken.None);

        Assert.That(metadata.Select(d => d.Id), Is.EqualTo(new[] { "Region", "Civilstand", "Alder", "Kon", "ContentsCode", "Tid" }));
        Assert.That(metadata.Where(d => d.Elimination).Select(d => d.Id), Is.EquivalentTo(new[] { "Region", "Civilstand" }));
        Assert.That(metadata.Single(d => d.Id == "Alder").Codes[^1], Is.EqualTo("100+"));
    }

    [Test]
    public async Task Tables_are_found_by_searching_rather_than_taken_on_trust()
    {
        await using var fake = await FakeScb.StartAsync();
        using var host = new ScbTestHost(fake);

        var found = await host.Client.FindTablesAsync("FoddaK", CancellationToken.None);

        Assert.That(found.Select(t => t.Id), Is.EqualTo(new[] { "TAB1264", "TAB6470" }), "the search finds FoddaK and its continuation FoddaKCKM");
        Assert.That((found[0].FirstPeriod, found[0].LastPeriod), Is.EqualTo(("1968", "2024")));
    }
}
