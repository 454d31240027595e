namespace Billing.Functions.RateLimiting;

internal static partial class RateLimitLog
{
    [LoggerMessage(9001, LogLevel.Warning, "Rate limit: {Class} caller {Identity} is over its budget; answered 429, retry after {RetryAfterSeconds} s")]
    public static partial void Limited(ILogger logger, string @class, string identity, int retryAfterSeconds);

    [LoggerMessage(9002, LogLevel.Debug, "Rate limit: a caller without a valid key from {Identity} is over its budget; answered 429, retry after {RetryAfterSeconds} s")]
    public static partial void AnonymousLimited(ILogger logger, string identity, int retryAfterSeconds);
}
