using System.Text.Json.Serialization;

namespace Billing.Functions.Hosting;

/// <summary>The value of an <c>http</c> output binding: header values are single strings and the body is text.</summary>
public sealed record HttpBindingResponse(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("headers")] Dictionary<string, string> Headers,
    [property: JsonPropertyName("body")] string Body);
