using System.Globalization;
using System.Net.Http.Headers;

namespace Billing.Functions.Lago;

/// <summary>
/// How long to wait after a 429: the longer of <c>Retry-After</c> (delta-seconds or an HTTP-date, measured from
/// <c>now</c>) and <c>X-RateLimit-Reset</c>, which Lago Cloud documents as "seconds until the window resets"
/// (getlago.com/docs/api-reference/rate-limits), not a Unix time. 1 s when neither is sent or readable; at most
/// 1 hour, so a header in another unit cannot park the sync.
/// </summary>
internal static class LagoThrottle
{
    public const string RateLimitReset = "X-RateLimit-Reset";
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromHours(1);

    public static TimeSpan RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var retryAfter = FromRetryAfter(headers.RetryAfter, now);
        var reset = FromReset(headers);
        if (retryAfter is null && reset is null) return Default;
        var longest = TimeSpan.FromTicks(Math.Max((retryAfter ?? TimeSpan.Zero).Ticks, (reset ?? TimeSpan.Zero).Ticks));
        return longest > Max ? Max : longest;
    }

    private static TimeSpan? FromRetryAfter(RetryConditionHeaderValue? value, DateTimeOffset now) => value switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date <= now ? TimeSpan.Zero : date - now,
        _ => null,
    };

    private static TimeSpan? FromReset(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues(RateLimitReset, out var values)) return null;
        var text = values.FirstOrDefault()?.Trim();
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)) return null;
        var capped = Math.Min(seconds, (decimal)Max.TotalSeconds);
        return TimeSpan.FromTicks((long)(capped * TimeSpan.TicksPerSecond));
    }
}
