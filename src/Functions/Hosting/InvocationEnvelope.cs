using System.Text.Json;
using Billing.Functions.Problems;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Hosting;

/// <summary>
/// Reads the host's <c>{"Data":{"&lt;binding&gt;":…},"Metadata":{…}}</c>. The Functions host always sends a well-formed
/// one, so anything else is a broken host or a stranger on the loopback port: a 400 problem naming the part that is
/// wrong (<c>body</c>, <c>Data</c>, <c>Data.&lt;binding&gt;</c>, <c>Metadata</c>), not a 500 and never a run.
/// </summary>
internal sealed class InvocationEnvelope : IDisposable
{
    private readonly JsonDocument _document;

    private InvocationEnvelope(JsonDocument document, JsonElement value)
    {
        _document = document;
        Value = value;
    }

    /// <summary>The trigger binding's value (<c>Data.&lt;binding&gt;</c>).</summary>
    public JsonElement Value { get; }

    /// <summary><c>Metadata</c>, or an undefined element when the host sent none.</summary>
    public JsonElement Metadata => _document.RootElement.TryGetProperty("Metadata", out var metadata) ? metadata : default;

    /// <param name="kind">The kind <c>Data.&lt;binding&gt;</c> must have; <see cref="JsonValueKind.Undefined"/> for any value but null.</param>
    public static async Task<(InvocationEnvelope? Envelope, ProblemDetails? Problem)> ReadAsync(
        Stream body, string binding, JsonValueKind kind, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, Invalid("body", "is not a Functions host invocation (not JSON)"));
        }
        var root = document.RootElement;
        var problem = root.ValueKind != JsonValueKind.Object ? Invalid("body", "must be a JSON object with Data and Metadata")
            : !root.TryGetProperty("Data", out var data) || data.ValueKind != JsonValueKind.Object ? Invalid("Data", "must be an object")
            : !data.TryGetProperty(binding, out var value) || value.ValueKind is JsonValueKind.Null || kind != JsonValueKind.Undefined && value.ValueKind != kind
                ? Invalid($"Data.{binding}", kind == JsonValueKind.Undefined ? "is required" : $"must be {(kind == JsonValueKind.Object ? "an object" : kind.ToString().ToLowerInvariant())}")
            : root.TryGetProperty("Metadata", out var metadata) && metadata.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null) ? Invalid("Metadata", "must be an object")
            : null;
        if (problem is not null)
        {
            document.Dispose();
            return (null, problem);
        }
        return (new InvocationEnvelope(document, root.GetProperty("Data").GetProperty(binding)), null);
    }

    public void Dispose() => _document.Dispose();

    private static ProblemDetails Invalid(string field, string message) => BillingProblems.Field(field, message);
}
