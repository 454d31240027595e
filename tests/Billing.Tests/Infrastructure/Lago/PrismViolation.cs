namespace Billing.Tests.Infrastructure.Lago;

/// <summary>
/// One finding of Prism about a request or a response, as Prism reported it to the client: the <c>validation</c>
/// entries of its <c>application/problem+json</c> answers, or its <c>sl-violations</c> header.
/// </summary>
/// <param name="Location">
/// Dotted path of the finding. Request findings start with <c>request</c> (e.g. <c>request.body.events.0.timestamp</c>,
/// <c>request.query.page</c>, <c>request.security</c>); response findings with <c>response</c>.
/// </param>
/// <param name="Severity">Prism's severity: <c>Error</c>, <c>Warning</c>, <c>Information</c> or <c>Hint</c>.</param>
/// <param name="Code">The JSON Schema keyword (<c>type</c>, <c>required</c>, <c>oneOf</c>, …) or Prism's error name (<c>UNAUTHORIZED</c>, <c>NO_PATH_MATCHED_ERROR</c>, …).</param>
/// <param name="Message">Prism's message.</param>
public sealed record PrismViolation(string Location, string Severity, string? Code, string Message)
{
    /// <summary>True when the finding is about what the client sent, false when it is about the stand-in's answer.</summary>
    public bool IsAboutRequest => Location.StartsWith("request", StringComparison.Ordinal);

    public override string ToString() => $"{Severity} at {Location}: {Message}" + (Code is null ? "" : $" ({Code})");
}
