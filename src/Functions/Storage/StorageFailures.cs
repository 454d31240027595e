using System.Net.Sockets;
using Azure;

namespace Billing.Functions.Storage;

/// <summary>
/// Tells an outage of Azure Storage (no answer, a 5xx, a timeout, throttling) from a bug. The API answers the first
/// with 503 and <c>Retry-After</c>, so a caller that fails open on an unavailable service (LiteLLM's guardrail with
/// <c>unreachable_fallback: fail_open</c> takes 502, 503 and 504 as "unreachable") can, and a retrying client retries;
/// anything else stays a 500.
/// </summary>
public static class StorageFailures
{
    /// <summary>Seconds a client is asked to wait after a 503 for unavailable storage.</summary>
    public const int RetryAfterSeconds = 5;

    public static bool IsUnavailable(Exception exception) => exception switch
    {
        // The SDK's own retries ran out: every attempt failed.
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(IsUnavailable),
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500 || failed.InnerException is { } inner && IsUnavailable(inner),
        HttpRequestException or SocketException or TimeoutException => true,
        IOException io => io.InnerException is null || IsUnavailable(io.InnerException),
        _ => false,
    };
}
