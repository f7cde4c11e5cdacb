using Polly;

namespace Projection.Scb;

/// <summary>
/// Every attempt to call SCB, first or retried, waits for its turn at the shared
/// <see cref="CallPacer"/> and is counted, so that no retry can break SCB's call limit. It sits
/// inside the retry strategy and outside the attempt timeout: waiting for a turn is not the
/// attempt's time.
/// </summary>
internal sealed class PacingStrategy(CallPacer pacer, FetchCounters counters) : ResilienceStrategy<HttpResponseMessage>
{
    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
        ResilienceContext context,
        TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(context);
        await pacer.WaitAsync(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        counters.CountCall();
        return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
    }
}

/// <summary>The options of <see cref="PacingStrategy"/> (it has none of its own; the pacer carries SCB's limits).</summary>
internal sealed class PacingStrategyOptions : ResilienceStrategyOptions
{
    public PacingStrategyOptions() => Name = "scb-pacing";
}

/// <summary>
/// Reads a successful response's body inside the pipeline (within the attempt's time), so that a
/// body cut off mid-transfer is a failed attempt that the retry strategy repeats; outside the
/// pipeline it would surface as "Error while copying content to a stream" after the pipeline had
/// finished with the call.
/// </summary>
internal sealed class BodyReadingStrategy : ResilienceStrategy<HttpResponseMessage>
{
    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
        ResilienceContext context,
        TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Result is { IsSuccessStatusCode: true } response)
        {
            try
            {
                await response.Content.LoadIntoBufferAsync(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                response.Dispose();
                return Outcome.FromException<HttpResponseMessage>(new HttpRequestException($"The response body was cut off: {e.Message}", e));
            }
        }

        return outcome;
    }
}

/// <summary>The options of <see cref="BodyReadingStrategy"/>.</summary>
internal sealed class BodyReadingStrategyOptions : ResilienceStrategyOptions
{
    public BodyReadingStrategyOptions() => Name = "scb-body";
}
