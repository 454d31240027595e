using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Cli.Output;

namespace Billing.Cli.Commands;

/// <summary>
/// What <c>accounts set</c> changes. <see cref="Apply"/> turns the account as read (or nothing, for a new one) into the
/// PUT body with only the flags' changes, so everything else (thresholds, models, metric, Lago link) stays as it was.
/// </summary>
internal sealed record AccountEdit(
    IReadOnlyList<BudgetSpec> Budgets,
    IReadOnlyList<string> RemoveBudgets,
    DateTimeOffset? Anchor,
    IReadOnlyList<string> Owners,
    string? TimeZone,
    string? BillingMode,
    decimal? SuspendBelow)
{
    public JsonObject Apply(JsonElement current)
    {
        var exists = current.ValueKind == JsonValueKind.Object;
        var body = new JsonObject
        {
            ["owners"] = Owners.Count > 0 ? new JsonArray([.. Owners.Select(o => (JsonNode)o)]) : Node(current.Get("owners")) ?? new JsonArray(),
            ["time_zone"] = TimeZone ?? current.Get("time_zone").StringOrNull() ?? "UTC",
        };
        if (current.Get("currency").StringOrNull() is { } currency) body["currency"] = currency;
        var mode = BillingMode ?? current.Get("billing_mode").StringOrNull();
        if (mode is not null) body["billing_mode"] = mode;
        if (SuspendBelow is { } below) body["suspend_below"] = below;
        else if (exists && current.Get("suspend_below").ValueKind == JsonValueKind.Number) body["suspend_below"] = Node(current.Get("suspend_below"));
        if (current.Get("lago") is { ValueKind: JsonValueKind.Object } lago && lago.Get("default").ValueKind == JsonValueKind.False)
            body["lago"] = new JsonObject
            {
                ["external_subscription_id"] = lago.Get("external_subscription_id").StringOrNull(),
                ["external_customer_id"] = lago.Get("external_customer_id").StringOrNull(),
            };

        var budgets = new List<JsonObject>();
        if (current.Get("budgets") is { ValueKind: JsonValueKind.Array } existing)
            foreach (var window in existing.EnumerateArray())
                if (!RemoveBudgets.Contains(window.Get("name").StringOrNull())) budgets.Add(Configuration(window));
        foreach (var spec in Budgets)
        {
            var window = budgets.FirstOrDefault(b => (string?)b["name"] == spec.Name);
            if (window is null)
            {
                window = new JsonObject { ["name"] = spec.Name, ["period"] = spec.Period };
                if (spec.IsDuration && Anchor is { } anchor) window["anchor"] = anchor.ToString("O");
                budgets.Add(window);
            }
            window["limit"] = spec.Limit;
            if (spec.Mode is not null) window["mode"] = spec.Mode;
        }
        body["budgets"] = new JsonArray([.. budgets]);
        return body;
    }

    /// <summary>A window's configuration from the account view (its standing, period and usage fields left out).</summary>
    private static JsonObject Configuration(JsonElement window)
    {
        var body = new JsonObject();
        foreach (var name in (string[])["name", "period", "anchor", "limit", "mode", "metric", "alert_thresholds", "models"])
            if (window.Get(name) is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value) body[name] = Node(value);
        return body;
    }

    private static JsonNode? Node(JsonElement element) =>
        element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : JsonNode.Parse(element.GetRawText());
}
