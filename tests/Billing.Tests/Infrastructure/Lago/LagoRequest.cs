namespace Billing.Tests.Infrastructure.Lago;

/// <summary>One request the client sent to a <see cref="LagoStandIn"/>, as it arrived and as it was answered.</summary>
/// <param name="Sequence">1 for the first request of the stand-in, then 2, 3, …</param>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The path the client used, e.g. <c>/api/v1/events/batch</c>.</param>
/// <param name="Query">The query string with its <c>?</c>, or empty.</param>
/// <param name="Body">The body exactly as the client sent it (UTF-8), empty when there was none.</param>
/// <param name="Fault">The fault injected into this request, if any.</param>
/// <param name="ReachedStandIn">Whether Prism forwarded it to the stand-in (false when Prism rejected it or a fault held it back).</param>
/// <param name="Status">The status the client received; null when it got none (a hang or a reset connection) or the request is still open.</param>
/// <param name="Violations">What Prism found wrong with this request or with the stand-in's answer to it.</param>
public sealed record LagoRequest(
    long Sequence,
    string Method,
    string Path,
    string Query,
    string Body,
    LagoFault? Fault,
    bool ReachedStandIn,
    int? Status,
    IReadOnlyList<PrismViolation> Violations)
{
    public override string ToString() =>
        $"#{Sequence} {Method} {Path}{Query} -> {Status?.ToString() ?? "no answer"}" + (Fault is null ? "" : $" [{Fault}]")
        + (Violations.Count == 0 ? "" : " violations: " + string.Join("; ", Violations));
}
