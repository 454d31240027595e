namespace Billing.Functions.RateLimiting;

/// <summary>
/// <c>RateLimit</c>: a token bucket per caller, per instance. A caller is a valid key (its class's budget, one bucket
/// per key) or, without one, the remote address (the small <see cref="Anonymous"/> budget), so a flood of wrong keys
/// cannot spend the budget of the real clients.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>LiteLLM's webhook: one call per batch of events, so modest.</summary>
    public TokenBucketOptions Ingest { get; set; } = new() { PermitsPerSecond = 50, Burst = 200 };

    /// <summary>Runs before every LLM call of a proxy: high enough never to throttle a normal one.</summary>
    public TokenBucketOptions Check { get; set; } = new() { PermitsPerSecond = 1000, Burst = 2000 };

    /// <summary>Operators and the CLI.</summary>
    public TokenBucketOptions Admin { get; set; } = new() { PermitsPerSecond = 20, Burst = 100 };

    /// <summary>Requests without a valid key (and Lago's signed webhooks), per remote address.</summary>
    public TokenBucketOptions Anonymous { get; set; } = new() { PermitsPerSecond = 5, Burst = 50 };
}
