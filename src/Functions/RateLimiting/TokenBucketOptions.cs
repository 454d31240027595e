using System.Threading.RateLimiting;

namespace Billing.Functions.RateLimiting;

/// <summary>A bucket of <see cref="Burst"/> permits that refills at <see cref="PermitsPerSecond"/> (a fraction is fine: 0.5 is one every 2 s).</summary>
public sealed class TokenBucketOptions
{
    public const double MaxPermitsPerSecond = 1_000_000;

    public double PermitsPerSecond { get; set; }

    public int Burst { get; set; }

    public bool IsValid => PermitsPerSecond is > 0 and <= MaxPermitsPerSecond && Burst is >= 1 and <= 10_000_000;

    /// <summary>
    /// The limiter's options: whole permits per period at the same rate (1000/s is 1000 per second, 0.5/s one per
    /// 2 seconds), no queue (a request over the budget is answered 429 at once).
    /// </summary>
    public TokenBucketRateLimiterOptions ToLimiterOptions()
    {
        var tokens = Math.Max(1, (int)Math.Round(PermitsPerSecond));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokens / PermitsPerSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
