using System.Text.Json;

namespace Billing.Functions.Lago;

/// <summary>
/// Lago's error body, <c>{"status":401,"error":"Unauthorized","code":"…","error_details":{…}}</c>
/// (<c>lago-api:app/controllers/concerns/api_errors.rb</c>), read leniently: a body that is not such JSON (a proxy's
/// HTML page) gives nulls. Texts are cut to <see cref="MaxText"/> characters so reasons stay short.
/// </summary>
internal readonly record struct LagoErrorBody(string? Error, string? Code)
{
    public const int MaxText = 200;

    public static LagoErrorBody Read(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? new(Text(document.RootElement, "error"), Text(document.RootElement, "code"))
                : default;
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? Cut(value.GetString()!)
            : null;

    public static string Cut(string text) => text.Length <= MaxText ? text : text[..MaxText] + "…";
}
