using System.Text;
using System.Text.Json;
using Billing.Functions.Json;

namespace Billing.Functions.Hosting;

/// <summary>
/// Undoes the host's encodings: string trigger data arrives JSON-encoded twice, scalar metadata as JSON text in a
/// string (<c>"DeliveryCount":"1"</c>, <c>"MessageId":"\"abc\""</c>), binary data as base64.
/// </summary>
internal static class HostValues
{
    public static string? Text(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : value.GetRawText();
        var text = value.GetString()!;
        return text.Length >= 2 && text[0] == '"' ? JsonSerializer.Deserialize(text, BillingJsonContext.Default.String) : text;
    }

    /// <summary>
    /// A Service Bus body: the text itself when the host JSON-encoded it (a string trigger), JSON text sent as is, or
    /// base64 when the binding is <c>dataType: binary</c>. Only a bare string may be base64: decoding double-encoded
    /// text would turn ordinary words ("test", "not json at all") into bytes.
    /// </summary>
    public static byte[] Body(JsonElement value)
    {
        var text = Text(value) ?? "";
        var hostEncoded = value.ValueKind == JsonValueKind.String && value.GetString() is ['"', _, ..];
        if (hostEncoded || text.StartsWith('{') || text.StartsWith('[')) return Encoding.UTF8.GetBytes(text);
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var written) ? bytes[..written] : Encoding.UTF8.GetBytes(text);
    }

    public static long Number(JsonElement metadata, string name) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(name, out var value) && long.TryParse(Text(value), out var number) ? number : 0;

    public static string? Property(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? Text(value) : null;

    /// <summary>A header of <c>Data.req.Headers</c> (string arrays), by case-insensitive name.</summary>
    public static string? Header(JsonElement request, string name)
    {
        if (!request.TryGetProperty("Headers", out var headers) || headers.ValueKind != JsonValueKind.Object) return null;
        foreach (var header in headers.EnumerateObject())
        {
            if (!header.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            return header.Value.ValueKind == JsonValueKind.Array
                ? string.Join(",", header.Value.EnumerateArray().Select(v => v.GetString()))
                : header.Value.GetString();
        }
        return null;
    }
}
