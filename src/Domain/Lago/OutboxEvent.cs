using Billing.Domain.Money;
using Billing.Domain.Usage;

namespace Billing.Domain.Lago;

/// <summary>
/// One billable event as it goes to Lago, fixed when the ledger applies it: the same transaction id, subscription,
/// timestamp and amount on every retry, so Lago can recognise a resend (its idempotency key is the subscription plus
/// the transaction id; the ClickHouse store keys on the transaction id plus the timestamp). No prompt or completion text.
/// </summary>
public sealed record OutboxEvent(
    UsageEventId EventId,
    string ExternalSubscriptionId,
    long OccurredAtEpochSeconds,
    long CostNanos,
    string Model,
    string? Provider,
    TokenCounts Tokens)
{
    public static OutboxEvent Of(UsageEvent usage, string subscription) => new(
        usage.Id, subscription, usage.OccurredAtEpochSeconds, MoneyUnits.ToNanos(usage.BilledCost), usage.Model, usage.Provider, usage.Tokens);

    public decimal Cost => MoneyUnits.FromNanos(CostNanos);

    /// <summary>The cost in cents as an exact decimal string (Lago's <c>precise_total_amount_cents</c>): 0.000123 USD is <c>0.0123</c>.</summary>
    public string PreciseCents => (Cost * 100m).ToString("0.#########", System.Globalization.CultureInfo.InvariantCulture);
}
