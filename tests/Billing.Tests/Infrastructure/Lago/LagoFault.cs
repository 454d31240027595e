namespace Billing.Tests.Infrastructure.Lago;

/// <summary>
/// A failure the <see cref="LagoStandIn"/> injects instead of its normal answer (<see cref="LagoStandIn.FailNext"/>,
/// <see cref="LagoStandIn.FailAlwaysAsync"/>). None of them sleeps: a hanging request waits until the client gives up.
/// </summary>
public sealed record LagoFault
{
    private LagoFault(LagoFaultKind kind, int retryAfterSeconds = 0, int resetSeconds = 0) =>
        (Kind, RetryAfterSeconds, ResetSeconds) = (kind, retryAfterSeconds, resetSeconds);

    /// <summary>
    /// <c>500 {"status":500,"error":"Internal Server Error"}</c>, answered by the stand-in after Prism validated the
    /// request, so it reaches the client through Prism (which only adds an <c>sl-violations</c> warning header).
    /// Nothing is stored.
    /// </summary>
    public static LagoFault ServerError { get; } = new(LagoFaultKind.ServerError);

    /// <summary>Holds the request, never forwards it and never answers until the client gives up. Nothing is stored.</summary>
    public static LagoFault Hang { get; } = new(LagoFaultKind.Hang);

    /// <summary>
    /// Handles the request normally (a valid batch is stored and answered 200 by the stand-in, through Prism), then
    /// withholds the answer until the client gives up: a response lost after Lago stored the events.
    /// </summary>
    public static LagoFault StoreThenHang { get; } = new(LagoFaultKind.StoreThenHang);

    /// <summary>
    /// Lago unreachable. With <see cref="LagoStandIn.FailAlwaysAsync"/> the stand-in stops listening (connections
    /// are refused) until <see cref="LagoStandIn.RecoverAsync"/>; with <see cref="LagoStandIn.FailNext"/> each
    /// faulted request's connection is reset before any answer. Nothing is forwarded or stored.
    /// </summary>
    public static LagoFault Down { get; } = new(LagoFaultKind.Down);

    public LagoFaultKind Kind { get; }

    /// <summary>For <see cref="LagoFaultKind.TooManyRequests"/>: the <c>Retry-After</c> header, in seconds.</summary>
    public int RetryAfterSeconds { get; }

    /// <summary>For <see cref="LagoFaultKind.TooManyRequests"/>: the <c>X-RateLimit-Reset</c> header, in seconds.</summary>
    public int ResetSeconds { get; }

    /// <summary>
    /// <c>429 {"status":429,"error":"Too Many Requests"}</c> with <c>Retry-After</c>, <c>X-RateLimit-Limit</c>,
    /// <c>X-RateLimit-Remaining: 0</c> and <c>X-RateLimit-Reset</c> (Lago Cloud's rate limiter), answered by the
    /// stand-in after Prism validated the request; Prism passes status, headers and body on unchanged. Nothing is stored.
    /// </summary>
    public static LagoFault TooManyRequests(int retryAfterSeconds, int resetSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(resetSeconds);
        return new(LagoFaultKind.TooManyRequests, retryAfterSeconds, resetSeconds);
    }

    public override string ToString() =>
        Kind == LagoFaultKind.TooManyRequests ? $"{Kind}(retry after {RetryAfterSeconds} s, reset {ResetSeconds} s)" : Kind.ToString();
}
