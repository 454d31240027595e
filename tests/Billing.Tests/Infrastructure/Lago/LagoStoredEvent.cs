using System.Text.Json;

namespace Billing.Tests.Infrastructure.Lago;

/// <summary>An event the <see cref="LagoStandIn"/> stored, as Lago's event store would hold it.</summary>
/// <param name="LagoId">The id the stand-in gave it (the <c>lago_id</c> of its answer).</param>
/// <param name="TransactionId">The idempotency key; unique per <paramref name="ExternalSubscriptionId"/>.</param>
/// <param name="ExternalSubscriptionId">The subscription it was sent for.</param>
/// <param name="Code">The billable metric code.</param>
/// <param name="Timestamp">
/// The <c>timestamp</c> as sent: a string's value, or the digits of a JSON number; null when the event had none.
/// </param>
/// <param name="OccurredAt">The time Lago reads from <paramref name="Timestamp"/> (Unix seconds, decimals for ms), or the reception time.</param>
/// <param name="PreciseTotalAmountCents">The decimal string sent as <c>precise_total_amount_cents</c>, or null.</param>
/// <param name="Properties">The event's properties as sent (strings stay strings, numbers stay numbers).</param>
/// <param name="CreatedAt">When the stand-in stored it (its clock).</param>
public sealed record LagoStoredEvent(
    string LagoId,
    string TransactionId,
    string ExternalSubscriptionId,
    string Code,
    string? Timestamp,
    DateTimeOffset OccurredAt,
    string? PreciseTotalAmountCents,
    IReadOnlyDictionary<string, JsonElement> Properties,
    DateTimeOffset CreatedAt)
{
    /// <summary>A string property's value (numbers as their JSON text); throws if the event lacks it.</summary>
    public string Property(string name) =>
        Properties.TryGetValue(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : throw new KeyNotFoundException($"Event {TransactionId} has no property '{name}'.");
}
