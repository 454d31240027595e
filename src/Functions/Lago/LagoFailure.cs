namespace Billing.Functions.Lago;

/// <summary>
/// Why a call to Lago did not get the answer it wanted; the same closed set for every call, so the sync handles it in
/// one place: <see cref="Throttled"/> (wait, then retry), <see cref="Unavailable"/> (retry later) or
/// <see cref="Refused"/> (a configuration problem: retrying will not help until someone fixes it).
/// Reasons carry statuses and Lago's error codes, never the API key or a request body.
/// </summary>
public abstract record LagoFailure
{
    private LagoFailure()
    {
    }

    /// <summary>429: wait <see cref="RetryAfter"/> (from <c>Retry-After</c> and <c>X-RateLimit-Reset</c>; 1 s when neither is sent; at most 1 hour).</summary>
    public sealed record Throttled(TimeSpan RetryAfter) : LagoFailure;

    /// <summary>5xx, 408, a timeout or a connection failure.</summary>
    public sealed record Unavailable(string Reason) : LagoFailure;

    /// <summary>
    /// Any other status (401 wrong key, 403 key not allowed, 400, an unexpected 404 …), or a success whose body is not
    /// what the spec describes (a wrong <c>ApiUrl</c> that answers HTML). <see cref="Error"/> and <see cref="Code"/> are
    /// Lago's <c>error</c> and <c>code</c> when the body had them.
    /// </summary>
    public sealed record Refused(int Status, string Error, string? Code = null) : LagoFailure;
}
