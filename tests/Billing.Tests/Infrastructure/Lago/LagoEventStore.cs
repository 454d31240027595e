using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Billing.Tests.Infrastructure.Lago;

/// <summary>
/// <c>POST /events/batch</c> over an in-memory event store with Lago's Postgres semantics (lago.md §1.2–1.4): at most
/// 100 events, all or nothing, unique (<c>external_subscription_id</c>, <c>transaction_id</c>), errors keyed by the
/// event's index in the batch. Thread-safe.
/// </summary>
internal sealed class LagoEventStore(TimeProvider time)
{
    public const int MaxBatch = 100;

    /// <summary>The batch limit this Lago enforces (<c>LAGO_EVENTS_BATCH_MAX_LENGTH</c>; a self-hosted Lago may set it lower).</summary>
    public int BatchLimit { get; set; } = MaxBatch;

    private readonly Lock _gate = new();
    private readonly List<LagoStoredEvent> _events = [];
    private readonly HashSet<(string Subscription, string Transaction)> _keys = [];
    private readonly Dictionary<string, Guid> _subscriptionIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Field, string Code)> _refused = new(StringComparer.Ordinal);

    /// <summary>Makes Lago refuse every event with this transaction id with an error of its own (a metric expression error, say).</summary>
    public void Refuse(string transactionId, string field, string code)
    {
        lock (_gate) _refused[transactionId] = (field, code);
    }

    public IReadOnlyList<LagoStoredEvent> Events
    {
        get
        {
            lock (_gate) return [.. _events];
        }
    }

    /// <summary>Validates and stores a batch; returns the status and body Lago would answer.</summary>
    public (int Status, JsonNode Body) AcceptBatch(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            return (400, LagoJson.Error(400, "BadRequest: param is missing or the value is empty: events"));
        if (events.GetArrayLength() == 0) return (422, LagoJson.ValidationErrors(new JsonObject { ["events"] = new JsonArray("no_events") }));
        if (events.GetArrayLength() > BatchLimit) return (422, LagoJson.ValidationErrors(new JsonObject { ["events"] = new JsonArray("too_many_events") }));

        var now = time.GetUtcNow();
        lock (_gate)
        {
            var batch = new List<LagoStoredEvent>();
            var errors = new JsonObject();
            var seen = new HashSet<(string, string)>();
            var index = 0;
            foreach (var input in events.EnumerateArray())
            {
                var fieldErrors = Validate(input, now, out var stored);
                if (stored is not null && (_keys.Contains(Key(stored)) || !seen.Add(Key(stored))))
                    fieldErrors["transaction_id"] = new JsonArray("value_already_exist");
                else if (stored is not null && _refused.TryGetValue(stored.TransactionId, out var refusal))
                    fieldErrors[refusal.Field] = new JsonArray(refusal.Code);
                if (fieldErrors.Count > 0) errors[index.ToString(CultureInfo.InvariantCulture)] = fieldErrors;
                else batch.Add(stored!);
                index++;
            }

            if (errors.Count > 0) return (422, LagoJson.ValidationErrors(errors));
            _events.AddRange(batch);
            foreach (var stored in batch) _keys.Add(Key(stored));
            return (200, new JsonObject { ["events"] = new JsonArray([.. batch.Select(ToJson)]) });
        }
    }

    private static (string, string) Key(LagoStoredEvent stored) => (stored.ExternalSubscriptionId, stored.TransactionId);

    private static JsonObject Validate(JsonElement input, DateTimeOffset now, out LagoStoredEvent? stored)
    {
        var errors = new JsonObject();
        stored = null;
        var transactionId = Mandatory(input, "transaction_id", errors);
        var code = Mandatory(input, "code", errors);
        var subscription = Mandatory(input, "external_subscription_id", errors);
        var (timestamp, occurredAt) = Timestamp(input, now, errors);
        if (errors.Count > 0) return errors;

        stored = new LagoStoredEvent(
            LagoId: Guid.NewGuid().ToString(),
            TransactionId: transactionId!,
            ExternalSubscriptionId: subscription!,
            Code: code!,
            Timestamp: timestamp,
            OccurredAt: occurredAt,
            PreciseTotalAmountCents: Text(input, "precise_total_amount_cents"),
            Properties: Properties(input),
            CreatedAt: now);
        return errors;
    }

    /// <summary>A required string; missing, null or blank is <c>value_is_mandatory</c> (Rails' <c>blank</c>).</summary>
    private static string? Mandatory(JsonElement input, string name, JsonObject errors)
    {
        var value = input.ValueKind == JsonValueKind.Object ? Text(input, name) : null;
        if (!string.IsNullOrWhiteSpace(value)) return value;
        errors[name] = new JsonArray("value_is_mandatory");
        return null;
    }

    private static string? Text(JsonElement input, string name) =>
        !input.TryGetProperty(name, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            _ => value.GetRawText(),
        };

    /// <summary>Unix seconds, decimals for milliseconds, as a number or a numeric string (<c>Float(ts)</c>); absent means now.</summary>
    private static (string? Raw, DateTimeOffset At) Timestamp(JsonElement input, DateTimeOffset now, JsonObject errors)
    {
        var raw = input.ValueKind == JsonValueKind.Object ? Text(input, "timestamp") : null;
        if (raw is null) return (null, now);
        const NumberStyles styles = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign
            | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (decimal.TryParse(raw, styles, CultureInfo.InvariantCulture, out var seconds) && seconds is >= -62_135_596_800m and < 253_402_300_800m)
            return (raw, DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(seconds * 1000m)));
        errors["timestamp"] = new JsonArray("invalid_format");
        return (raw, now);
    }

    private static Dictionary<string, JsonElement> Properties(JsonElement input) =>
        input.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
            : [];

    private JsonObject ToJson(LagoStoredEvent stored)
    {
        if (!_subscriptionIds.TryGetValue(stored.ExternalSubscriptionId, out var subscriptionId))
            _subscriptionIds[stored.ExternalSubscriptionId] = subscriptionId = Guid.NewGuid();
        var properties = new JsonObject();
        foreach (var (name, value) in stored.Properties) properties[name] = JsonNode.Parse(value.GetRawText());
        return new JsonObject
        {
            ["lago_id"] = stored.LagoId,
            ["transaction_id"] = stored.TransactionId,
            ["lago_customer_id"] = null,
            ["code"] = stored.Code,
            ["timestamp"] = LagoJson.TimeWithMilliseconds(stored.OccurredAt),
            ["precise_total_amount_cents"] = stored.PreciseTotalAmountCents,
            ["properties"] = properties,
            ["lago_subscription_id"] = subscriptionId.ToString(),
            ["external_subscription_id"] = stored.ExternalSubscriptionId,
            ["created_at"] = LagoJson.Time(stored.CreatedAt),
        };
    }
}
