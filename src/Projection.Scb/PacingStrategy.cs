using Polly;

namespace Projection.Scb;

/// <summary>
/// The innermost strategy of the SCB pipeline: every attempt, first or retried, waits for its turn
/// at the shared <see cref="CallPacer"/> and is counted, so that no retry can break SCB's call
/// limit; and a successful response's body is read here, inside the pipeline, so that a body cut
/// off mid-transfer is a failed attempt that the retry strategy repeats (outside the pipeline it
/// would surface as "Error while copying content to a stream" after the pipeline had finished).
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

/// <summary>The options of <see cref="PacingStrategy"/> (it has none of its own; the pacer carries SCB's limits).</summary>
internal sealed class PacingStrategyOptions : ResilienceStrategyOptions
{
    public PacingStrategyOptions() => Name = "scb-pacing";
}
