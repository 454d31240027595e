using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Billing.Functions.Problems;
using Billing.Functions.Usage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Json;

/// <summary>
/// Reads a small JSON request body with source-generated metadata. Malformed JSON and wrong types become a 400
/// problem naming the field (from the reader's JSON path); a missing body is a null value.
/// </summary>
public static class RequestBody
{
    public const long MaxBytes = 64 * 1024;

    public static async Task<(T? Value, ProblemDetails? Problem)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > MaxBytes)
            return (default, BillingProblems.Field("body", $"is larger than {MaxBytes} bytes", StatusCodes.Status413PayloadTooLarge));
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, cancellationToken);
            if (buffer.Length > MaxBytes)
                return (default, BillingProblems.Field("body", $"is larger than {MaxBytes} bytes", StatusCodes.Status413PayloadTooLarge));
            if (buffer.Length == 0) return (default, null);
            return (JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type), null);
        }
        catch (JsonException e)
        {
            return (default, Invalid(e));
        }
    }

    /// <summary>
    /// Reads a body of up to <paramref name="maxBytes"/> (enforced here, Kestrel's own cap lifted) straight from the request
    /// stream, without a copy: properties <typeparamref name="T"/> does not map (a prompt's images) are skipped, not
    /// kept. A larger body is a 413 problem; an empty one a null value.
    /// </summary>
    public static async Task<(T? Value, ProblemDetails? Problem)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, long maxBytes, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > maxBytes) return (default, TooLarge(maxBytes));
        if (context.Request.ContentLength == 0) return (default, null);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        try
        {
            return (await JsonSerializer.DeserializeAsync(new LimitedReadStream(context.Request.Body, maxBytes), type, cancellationToken), null);
        }
        catch (PayloadTooLargeException)
        {
            return (default, TooLarge(maxBytes));
        }
        catch (JsonException e)
        {
            return (default, Invalid(e));
        }
    }

    /// <summary>The raw bytes of a body of up to <paramref name="maxBytes"/> (a signature covers them exactly); a larger one is a 413 problem.</summary>
    public static async Task<(ReadOnlyMemory<byte> Bytes, ProblemDetails? Problem)> ReadBytesAsync(HttpContext context, long maxBytes, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > maxBytes) return (default, TooLarge(maxBytes));
        using var buffer = new MemoryStream();
        try
        {
            await new LimitedReadStream(context.Request.Body, maxBytes).CopyToAsync(buffer, cancellationToken);
        }
        catch (PayloadTooLargeException)
        {
            return (default, TooLarge(maxBytes));
        }
        return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
    }

    private static ProblemDetails TooLarge(long maxBytes) =>
        BillingProblems.Field("body", $"is larger than {maxBytes} bytes", StatusCodes.Status413PayloadTooLarge);

    /// <summary>Names the field from the reader's JSON path. The reader's message holds positions, never the values.</summary>
    private static ProblemDetails Invalid(JsonException e)
    {
        var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
        return BillingProblems.Field(field, $"is not valid: {FirstSentence(e.Message)}");
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
