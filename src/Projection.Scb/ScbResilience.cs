using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Projection.Scb;

/// <summary>
/// The resilience of every call to SCB, outermost first: a total timeout; retries with
/// exponential backoff and jitter on 408, 429, 5xx, timeouts, connection failures and bodies cut
/// off mid-transfer, honouring <c>Retry-After</c> (seconds or a date, capped); a circuit breaker;
/// the pacing of every attempt (<see cref="PacingStrategy"/>: waiting for a turn does not eat into
/// the attempt's time); a timeout per attempt; and innermost the reading of the body
/// (<see cref="BodyReadingStrategy"/>), so that a body cut off is a failed attempt. Other 4xx are not retried. (Polly v8 strategies; Polly's docs,
/// "Resilience strategies" and "Custom resilience strategies".)
/// </summary>
public static class ScbResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ScbClientOptions options, TimeProvider time, FetchCounters counters, CallPacer pacer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.TimeProvider = time;
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(response => IsTransient(response.StatusCode));
        builder.AddTimeout(options.TotalTimeout);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result, time, options.MaxRetryAfter)),
                OnRetry = _ =>
                {
                    counters.CountRetry();
                    return default;
                },
            });
        }

        builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(60),
                BreakDuration = options.BreakDuration,
            })
            .AddStrategy(_ => new PacingStrategy(pacer, counters), new PacingStrategyOptions())
            .AddTimeout(options.AttemptTimeout)
            .AddStrategy(_ => new BodyReadingStrategy(), new BodyReadingStrategyOptions());
    }

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>The wait a response asks for in <c>Retry-After</c>, capped at <paramref name="max"/>; null to use the backoff.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time, TimeSpan max)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        var wait = header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : null);
        if (wait is not { } delay)
        {
            return null;
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > max ? max : delay;
    }
}
