using Billing.Domain.Usage;

namespace Billing.Domain.Ledger;

/// <summary>
/// One applied event as the subject's ring of recent events keeps it: no attribution, no reported cost, only what a
/// tail shows. <see cref="CostNanos"/> is the billed cost (<see cref="UsageEvent.BilledCost"/>), as the ledger counts it.
/// </summary>
public readonly record struct RecentEvent(
    UsageEventId Id,
    long OccurredAtEpochSeconds,
    string Model,
    string? Provider,
    UsageStatus Status,
    long CostNanos,
    TokenCounts Tokens,
    bool CacheHit)
{
    public DateTimeOffset OccurredAt => DateTimeOffset.FromUnixTimeSeconds(OccurredAtEpochSeconds);

    public static RecentEvent Of(UsageEvent usage) => new(
        usage.Id, usage.OccurredAtEpochSeconds, usage.Model, usage.Provider, usage.Status,
        Money.MoneyUnits.ToNanos(usage.BilledCost), usage.Tokens, usage.CacheHit);
}
