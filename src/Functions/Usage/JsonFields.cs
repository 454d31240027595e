using System.Text.Json;

namespace Billing.Functions.Usage;

/// <summary>
/// Tolerant, typed reads of optional JSON fields: absent and null mean "not set", <c>""</c> means absent for
/// strings, and a wrong type throws <see cref="PayloadFieldException"/> with the field's path.
/// </summary>
internal static class JsonFields
{
    public static string? String(JsonElement obj, string name, string path = "")
    {
        if (!obj.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => Text(value, path + name) is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            var kind => throw Wrong(path + name, "a string", kind),
        };
    }

    public static decimal? Decimal(JsonElement obj, string name, string path = "")
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number) throw Wrong(path + name, "a number", value.ValueKind);
        return value.TryGetDecimal(out var number)
            ? number
            : throw new PayloadFieldException(path + name, "is out of range for an exact decimal");
    }

    public static long Count(JsonElement obj, string name, string path = "")
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return 0;
        if (value.ValueKind != JsonValueKind.Number) throw Wrong(path + name, "a whole number", value.ValueKind);
        return value.TryGetInt64(out var count) && count >= 0
            ? count
            : throw new PayloadFieldException(path + name, "expected a whole number, zero or more");
    }

    public static bool? Bool(JsonElement obj, string name, string path = "")
    {
        if (!obj.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            var kind => throw Wrong(path + name, "a boolean", kind),
        };
    }

    public static JsonElement? Object(JsonElement obj, string name, string path = "")
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.Object ? value : throw Wrong(path + name, "an object", value.ValueKind);
    }

    /// <summary>JSON may escape an unpaired surrogate (<c>"\ud800"</c>); GetString refuses to decode it and throws.</summary>
    private static string? Text(JsonElement value, string field)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new PayloadFieldException(field, "is not valid text: it contains an unpaired UTF-16 surrogate escape");
        }
    }

    private static PayloadFieldException Wrong(string field, string expected, JsonValueKind actual) =>
        new(field, $"expected {expected}, got {LiteLlmNormalizer.Describe(actual)}");
}
