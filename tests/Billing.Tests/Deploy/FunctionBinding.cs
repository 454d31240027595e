using System.Text.Json.Nodes;

namespace Billing.Tests.Deploy;

/// <summary>One entry of <c>bindings</c> in a function.json, read loosely so a broken file still yields a report.</summary>
public sealed record FunctionBinding(JsonObject Json)
{
    public string? Name => Text("name");

    public string? Type => Text("type");

    public string? Direction => Text("direction");

    public bool IsTrigger => Type?.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) == true;

    public string? Text(string property) => Json[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public override string ToString() => $"{Type ?? "?"} '{Name ?? "?"}' ({Direction ?? "no direction"})";
}
