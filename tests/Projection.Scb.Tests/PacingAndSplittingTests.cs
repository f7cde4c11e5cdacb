using System.Net;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace Projection.Scb.Tests;

public class PacingAndSplittingTests
{
    [Test]
    public void A_large_query_is_split_by_years_then_regions_under_the_cell_limit_and_covers_every_cell()
    {
        var regions = new[] { "19", "1904", "1980" };
        var ages = Enumerable.Range(0, 101).Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var years = Enumerable.Range(2000, 25).Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var query = new ScbQuery("TAB638", [new("Region", regions), new("Alder", ages), new("Kon", ["1", "2"]), new("Tid", years)]);

        var byYears = QuerySplitter.Split(query, 1_000);
        var byRegions = QuerySplitter.Split(query, 300);

        Assert.That(byYears.Select(q => q.Cells), Is.All.LessThanOrEqualTo(1_000));
        Assert.That(byYears.Sum(q => q.Cells), Is.EqualTo(query.Cells));
        Assert.That(byYears, Has.Count.EqualTo(25), "606 cells a year: one year per request");
        Assert.That(byRegions.Select(q => q.Cells), Is.All.LessThanOrEqualTo(300));
        Assert.That(byRegions.Sum(q => q.Cells), Is.EqualTo(query.Cells));
        Assert.That(() => QuerySplitter.Split(query, 100), Throws.TypeOf<ScbFormatException>().With.Message.Contains("cannot be split"));
    }

    [Test]
    public async Task The_pacer_lets_no_more_calls_start_in_a_window_than_nine_tenths_of_what_SCB_allows()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var pacer = new CallPacer(time);
        pacer.Configure(new ScbApiLimits(1_000, 30, TimeSpan.FromSeconds(10)));

        var calls = Enumerable.Range(0, 60).Select(_ => pacer.WaitAsync(CancellationToken.None)).ToList();
        await Task.Delay(50);
        Assert.That(calls.Count(c => c.IsCompleted), Is.EqualTo(27), "30 × 0.9");

        time.Advance(TimeSpan.FromSeconds(9.9));
        await Task.Delay(50);
        Assert.That(calls.Count(c => c.IsCompleted), Is.EqualTo(27), "the window is not over yet");

        time.Advance(TimeSpan.FromSeconds(0.1));
        await Task.Delay(50);
        Assert.That(calls.Count(c => c.IsCompleted), Is.EqualTo(54));

        time.Advance(TimeSpan.FromSeconds(10));
        await Task.WhenAll(calls);
    }

    [Test]
    public async Task A_429_with_Retry_After_waits_as_long_as_SCB_asks()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new ScbClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1) };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        var counters = new FetchCounters();
        using var pacer = new CallPacer(time);
        ScbResilience.Configure(builder, options, time, counters, pacer);
        var pipeline = builder.Build();
        var attempts = new List<DateTimeOffset>();

        var call = pipeline.ExecuteAsync(_ =>
        {
            attempts.Add(time.GetUtcNow());
            var response = new HttpResponseMessage(attempts.Count == 1 ? HttpStatusCode.TooManyRequests : HttpStatusCode.OK);
            if (attempts.Count == 1)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            }

            return ValueTask.FromResult(response);
        }).AsTask();

        time.Advance(TimeSpan.FromSeconds(6.9));
        await Task.Delay(50);
        Assert.That(attempts, Has.Count.EqualTo(1), "no retry before Retry-After");
        time.Advance(TimeSpan.FromSeconds(0.1));
        using var response = await call;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(attempts[1] - attempts[0], Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(counters.Retries, Is.EqualTo(1));
    }

    [Test]
    public void Retry_After_as_a_date_is_read_and_capped()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var soon = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        soon.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(12));
        using var late = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        late.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromHours(1));

        Assert.That(ScbResilience.RetryAfter(soon, time, TimeSpan.FromSeconds(60)), Is.EqualTo(TimeSpan.FromSeconds(12)));
        Assert.That(ScbResilience.RetryAfter(late, time, TimeSpan.FromSeconds(60)), Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(ScbResilience.RetryAfter(null, time, TimeSpan.FromSeconds(60)), Is.Null);
    }

    [Test]
    public async Task Retries_wait_their_turn_at_the_pacer_so_no_window_holds_more_attempts_than_allowed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        // Nine failures stay under the circuit breaker's minimum throughput of ten.
        var options = new ScbClientOptions { MaxRetries = 20, RetryBaseDelay = TimeSpan.Zero, TotalTimeout = TimeSpan.FromHours(1) };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        var counters = new FetchCounters();
        using var pacer = new CallPacer(time);
        pacer.Configure(new ScbApiLimits(1_000, 10, TimeSpan.FromSeconds(10)));
        ScbResilience.Configure(builder, options, time, counters, pacer);
        var pipeline = builder.Build();
        var attempts = 0;

        var call = pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            return ValueTask.FromResult(new HttpResponseMessage(attempts < 10 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK));
        }).AsTask();
        for (var step = 0; step < 50 && attempts < 9; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(5);
        }

        Assert.That(attempts, Is.EqualTo(9), "nine attempts (10 × 0.9) in the first window, retries included");
        time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(50);
        Assert.That(attempts, Is.EqualTo(9), "the tenth waits for the window");
        for (var step = 0; step < 200 && !call.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        using var response = await call;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(attempts, Is.EqualTo(10), "the retry that succeeded came in the next window");
    }

    [Test]
    public async Task After_enough_failures_the_circuit_opens_and_calls_stop_reaching_SCB_until_the_break_is_over()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new ScbClientOptions { MaxRetries = 0, BreakDuration = TimeSpan.FromSeconds(30) };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        using var pacer = new CallPacer(time);
        pacer.Configure(new ScbApiLimits(1_000, 1_000, TimeSpan.FromSeconds(10)));
        ScbResilience.Configure(builder, options, time, new FetchCounters(), pacer);
        var pipeline = builder.Build();
        var reached = 0;
        ValueTask<HttpResponseMessage> Unavailable(CancellationToken _)
        {
            reached++;
            return ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }

        for (var i = 0; i < 10; i++)
        {
            using var response = await pipeline.ExecuteAsync(Unavailable);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        }

        await Assert.ThrowsAsync<Polly.CircuitBreaker.BrokenCircuitException>(async () => await pipeline.ExecuteAsync(Unavailable));
        Assert.That(reached, Is.EqualTo(10), "the open circuit did not call SCB");

        time.Advance(TimeSpan.FromSeconds(31));
        using var probe = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));
        Assert.That(probe.StatusCode, Is.EqualTo(HttpStatusCode.OK), "half-open after the break lets a call through");
    }
}
