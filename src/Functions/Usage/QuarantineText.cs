using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Billing.Functions.Usage;

/// <summary>The raw text of a rejected element, minus the prompt and completion fields, for the quarantine table.</summary>
internal static class QuarantineText
{
    private static readonly string[] TextFields = ["messages", "response"];

    /// <summary>
    /// The element's own bytes, property by property, never transcoded: an escaped lone surrogate ("\ud800") or bytes
    /// that are not UTF-8 (the very reason an element may be quarantined) must not stop us keeping it. Invalid bytes
    /// become U+FFFD in the kept copy only.
    /// </summary>
    public static string Of(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) return Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(element));
        using var buffer = new MemoryStream();
        buffer.WriteByte((byte)'{');
        var first = true;
        foreach (var property in element.EnumerateObject())
        {
            if (TextFields.Any(property.NameEquals)) continue;
            if (!first) buffer.WriteByte((byte)',');
            first = false;
            buffer.WriteByte((byte)'"');
            buffer.Write(JsonMarshal.GetRawUtf8PropertyName(property));
            buffer.Write("\":"u8);
            buffer.Write(JsonMarshal.GetRawUtf8Value(property.Value));
        }
        buffer.WriteByte((byte)'}');
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
