namespace Projection.Scb;

/// <summary>Which of SCB's APIs to speak.</summary>
public enum ScbApiVersion
{
    /// <summary>PxWebApi 2.0 at statistikdatabasen.scb.se/api/v2 (the default).</summary>
    V2,

    /// <summary>The older PxWeb API at api.scb.se/OV0104/v1 (expected to close after 2026).</summary>
    V1,
}

/// <summary>Settings of the SCB client, bound from configuration section <c>Scb</c>.</summary>
public sealed class ScbClientOptions
{
    public const string Section = "Scb";

    public Uri BaseUrlV2 { get; set; } = new("https://statistikdatabasen.scb.se/api/v2/");

    public Uri BaseUrlV1 { get; set; } = new("https://api.scb.se/OV0104/v1/doris/sv/ssd/");

    public ScbApiVersion Api { get; set; } = ScbApiVersion.V2;

    public string Language { get; set; } = "sv";

    /// <summary>The whole budget of one call, retries included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>One attempt's budget.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxRetries { get; set; } = 5;

    /// <summary>The first retry's delay; doubled each attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait a <c>Retry-After</c> header is honoured with.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Consecutive-failure ratio and break time of the circuit breaker.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The tables to fetch; defaults in <see cref="ScbSources"/>, each id overridable.</summary>
    public List<ScbSource> Sources { get; set; } = [.. ScbSources.Defaults];

    public Uri BaseUrl => Api == ScbApiVersion.V2 ? BaseUrlV2 : BaseUrlV1;
}
