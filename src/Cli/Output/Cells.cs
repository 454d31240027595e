using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Billing.Cli.Output;

/// <summary>
/// How figures print in tables: money exactly as the API wrote it (its JSON number text, so no rounding and no
/// <c>double</c>), tokens and counts with thousands separators as llm-accounting prints them, instants in UTC.
/// </summary>
internal static class Cells
{
    public static string Money(JsonElement element) => element.ValueKind == JsonValueKind.Number ? "$" + element.GetRawText() : "-";

    public static string Number(JsonElement element) => element.ValueKind == JsonValueKind.Number
        ? element.TryGetInt64(out var value) ? value.ToString("N0", CultureInfo.InvariantCulture) : element.GetRawText()
        : "-";

    /// <summary>A decimal in the window's metric (USD, tokens, requests), as the API wrote it.</summary>
    public static string Raw(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        _ => element.GetRawText(),
    };

    public static string Text(JsonElement parent, string name) => parent.TryGetProperty(name, out var value) ? Raw(value) : "-";

    public static JsonElement Get(this JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : default;

    /// <summary>The string value, or null for anything else (missing, null, a number).</summary>
    public static string? StringOrNull(this JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() : null;

    public static string Instant(JsonElement element) => element.ValueKind == JsonValueKind.String && element.TryGetDateTimeOffset(out var at)
        ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z"
        : Raw(element);

    public static string List(JsonElement array) => array.ValueKind == JsonValueKind.Array
        ? string.Join(", ", array.EnumerateArray().Select(Raw))
        : "-";

    /// <summary>A table whose cells are plain text (never markup: model names and subjects may hold brackets).</summary>
    public static Table Table(string? title, params string[] columns)
    {
        var table = new Table { Border = TableBorder.Rounded };
        if (title is not null) table.Title = new TableTitle(title);
        foreach (var column in columns)
        {
            var right = column.EndsWith(' ');
            table.AddColumn(new TableColumn(new Text(column.Trim())) { Alignment = right ? Justify.Right : Justify.Left, NoWrap = right });
        }
        return table;
    }

    public static void Row(this Table table, params string[] cells) => table.AddRow(cells.Select(c => (IRenderable)new Text(c)).ToArray());

    /// <summary>A two-column Metric / Value table, as llm-accounting's "Overall Totals".</summary>
    public static Table Pairs(string title, IEnumerable<(string Name, string Value)> pairs)
    {
        var table = Table(title, "Metric", "Value ");
        foreach (var (name, value) in pairs) table.Row(name, value);
        return table;
    }
}
