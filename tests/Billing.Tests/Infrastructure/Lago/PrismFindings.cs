using System.Text.Json;

namespace Billing.Tests.Infrastructure.Lago;

/// <summary>
/// Reads what Prism found from its answer to one request. Prism reports per request in two places (prism-http-server
/// 5.14): the <c>sl-violations</c> header (a JSON array, on every answer with findings) and, when it answers instead of
/// the stand-in, an <c>application/problem+json</c> body whose <c>type</c> is <c>https://stoplight.io/prism/errors#NAME</c>
/// (e.g. <c>UNPROCESSABLE_ENTITY</c> with a <c>validation</c> array, <c>UNAUTHORIZED</c>, <c>NO_PATH_MATCHED_ERROR</c>,
/// <c>VIOLATIONS</c>). Its log lines name the error but not the failing fields, and with one Prism shared by parallel
/// tests they cannot be told apart; the answer belongs to exactly one request.
/// </summary>
internal static class PrismFindings
{
    public const string ErrorTypePrefix = "https://stoplight.io/prism/errors#";

    public static IReadOnlyList<PrismViolation> Read(HttpResponseMessage answer, byte[] body)
    {
        var found = new List<PrismViolation>();
        if (answer.Headers.TryGetValues("sl-violations", out var headers))
            foreach (var header in headers) found.AddRange(FromHeader(header));

        if (answer.Content.Headers.ContentType?.MediaType == "application/problem+json" && TryParse(body) is { } problem
            && problem.TryGetProperty("type", out var type) && type.GetString() is { } name && name.StartsWith(ErrorTypePrefix, StringComparison.Ordinal))
        {
            var error = name[ErrorTypePrefix.Length..];
            if (problem.TryGetProperty("validation", out var validation) && validation.ValueKind == JsonValueKind.Array)
                found.AddRange(validation.EnumerateArray().Select(v => FromEntry(v, defaultPrefix: "request")));
            else
                found.Add(new PrismViolation(error == "UPSTREAM_NOT_IMPLEMENTED" ? "response" : Where(error), "Error", error, Describe(problem)));
        }

        return [.. found.Distinct()];
    }

    private static IEnumerable<PrismViolation> FromHeader(string header)
    {
        // Prism cuts a long header and prefixes it; the cut JSON no longer parses.
        if (TryParse(header) is not { ValueKind: JsonValueKind.Array } entries)
            return [new PrismViolation("response", "Warning", null, "unreadable sl-violations header: " + header)];
        return entries.EnumerateArray().Select(e => FromEntry(e, defaultPrefix: null)).ToList();
    }

    /// <summary>
    /// One <c>{location, severity, code, message}</c>. The header's locations start with <c>request</c> or
    /// <c>response</c>; a rejected request's <c>validation</c> locations start with <c>body</c>, <c>query</c>,
    /// <c>path</c> or <c>header</c>, so they get the <c>request</c> prefix.
    /// </summary>
    private static PrismViolation FromEntry(JsonElement entry, string? defaultPrefix)
    {
        var parts = entry.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.Array
            ? location.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString()! : p.GetRawText()).ToList()
            : [];
        if (defaultPrefix is not null && (parts.Count == 0 || parts[0] is not ("request" or "response"))) parts.Insert(0, defaultPrefix);
        return new PrismViolation(
            string.Join('.', parts),
            StringOf(entry, "severity") ?? "Error",
            StringOf(entry, "code"),
            StringOf(entry, "message") ?? entry.GetRawText());
    }

    private static string Where(string error) => error switch
    {
        "UNAUTHORIZED" => "request.security",
        "NO_PATH_MATCHED_ERROR" or "NO_METHOD_MATCHED_ERROR" or "NO_SERVER_MATCHED_ERROR" => "request.path",
        _ => "request",
    };

    private static string Describe(JsonElement problem) =>
        string.Join(": ", new[] { StringOf(problem, "title"), StringOf(problem, "detail") }.Where(s => !string.IsNullOrEmpty(s)));

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? TryParse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
