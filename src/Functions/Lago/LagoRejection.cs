using System.Globalization;
using System.Text.Json;

namespace Billing.Functions.Lago;

/// <summary>
/// Reads a 422 from <c>POST /events/batch</c>: <c>error_details</c> keys that are batch indexes hold an object of
/// field → error codes; any other key (<c>"events":["too_many_events"]</c>) is kept apart. A body that is not JSON
/// gives a rejection with no details, which no caller mistakes for duplicates.
/// </summary>
internal static class LagoRejection
{
    public static LagoBatchOutcome.Rejected Read(byte[] body)
    {
        var eventErrors = new SortedDictionary<int, IReadOnlyDictionary<string, IReadOnlyList<string>>>();
        var otherErrors = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        string? code = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String)
                    code = LagoErrorBody.Cut(c.GetString()!);
                if (root.TryGetProperty("error_details", out var details) && details.ValueKind == JsonValueKind.Object)
                {
                    foreach (var entry in details.EnumerateObject())
                    {
                        if (IsIndex(entry.Name, out var index) && entry.Value.ValueKind == JsonValueKind.Object)
                            eventErrors[index] = Fields(entry.Value);
                        else
                            otherErrors[entry.Name] = Codes(entry.Value);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not Lago's JSON: a rejection without details.
        }
        return new(code, eventErrors, otherErrors);
    }

    private static bool IsIndex(string key, out int index) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out index);

    private static SortedDictionary<string, IReadOnlyList<string>> Fields(JsonElement fields)
    {
        var result = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var field in fields.EnumerateObject()) result[field.Name] = Codes(field.Value);
        return result;
    }

    /// <summary>Error codes from a string, an array (flattened), or an object (as <c>key: code</c>).</summary>
    private static List<string> Codes(JsonElement value)
    {
        var codes = new List<string>();
        Collect(value, prefix: "", codes);
        return codes;
    }

    private static void Collect(JsonElement value, string prefix, List<string> codes)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray()) Collect(item, prefix, codes);
                break;
            case JsonValueKind.Object:
                foreach (var p in value.EnumerateObject()) Collect(p.Value, $"{prefix}{p.Name}: ", codes);
                break;
            case JsonValueKind.String:
                codes.Add(prefix + LagoErrorBody.Cut(value.GetString()!));
                break;
            default:
                codes.Add(prefix + LagoErrorBody.Cut(value.GetRawText()));
                break;
        }
    }
}
