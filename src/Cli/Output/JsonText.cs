using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Billing.Cli.Output;

/// <summary>Pretty-printed JSON that keeps the API's numbers as it wrote them (decimals are never re-formatted).</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Indented(JsonElement element) => Indented(element.WriteTo);

    public static string Indented(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options)) write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary><c>{"&lt;name&gt;": [every page's items], "continuation": null}</c>: all pages as one document, the API's shape.</summary>
    public static void Merged(Utf8JsonWriter writer, string name, IEnumerable<JsonElement> items, JsonElement? continuation = null)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(name);
        foreach (var item in items) item.WriteTo(writer);
        writer.WriteEndArray();
        writer.WritePropertyName("continuation");
        if (continuation is { ValueKind: JsonValueKind.String } next) next.WriteTo(writer);
        else writer.WriteNullValue();
        writer.WriteEndObject();
    }
}
