using Billing.Functions.Problems;
using Microsoft.Net.Http.Headers;

namespace Billing.Functions.Json;

/// <summary>
/// Every body this app reads is JSON (LiteLLM's NDJSON included), so a body declared as something else (a form, a
/// multipart upload, XML, bytes) is answered 415 with a problem naming <c>Content-Type</c> before any endpoint reads
/// it. No Content-Type, any <c>…/json</c>, <c>…+json</c>, NDJSON/JSON Lines and <c>text/plain</c> (what a bare
/// <c>StringContent</c> or a hand-written script sends) are read as JSON, and the JSON rules decide.
/// </summary>
public static class JsonBodies
{
    public static IApplicationBuilder UseJsonBodies(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || request.ContentLength is null && request.Headers.TransferEncoding.Count > 0;
        if (hasBody && !IsJson(request.ContentType))
        {
            var problem = BillingProblems.Field(HeaderNames.ContentType, "must be application/json (or NDJSON); the body is not read", StatusCodes.Status415UnsupportedMediaType);
            await TypedResults.Problem(problem).ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    public static bool IsJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return true;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type) return false;
        return type.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase) || type.Equals("application/jsonl", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/x-jsonlines", StringComparison.OrdinalIgnoreCase) || type.Equals("text/plain", StringComparison.OrdinalIgnoreCase);
    }
}
