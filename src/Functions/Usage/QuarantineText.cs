using System.Text;
using System.Text.Json;

namespace Billing.Functions.Usage;

/// <summary>The raw text of a rejected element, minus the prompt and completion fields, for the quarantine table.</summary>
internal static class QuarantineText
{
    private static readonly HashSet<string> TextFields = ["messages", "response"];

    public static string Of(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) return element.GetRawText();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in element.EnumerateObject())
            {
                if (TextFields.Contains(property.Name)) continue;
                // Raw text, not re-encoded values: an escaped lone surrogate ("\ud800") must not stop us keeping it.
                writer.WritePropertyName(property.Name);
                writer.WriteRawValue(property.Value.GetRawText(), skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
