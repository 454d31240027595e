using Billing.Domain.Usage;

namespace Billing.Domain.Ledger;

/// <summary>
/// Spend in nanos (see <see cref="Money.MoneyUnits"/>), request count, tokens, and how many of the requests failed or
/// were answered from LiteLLM's cache (both still count as requests), and how many successful calls nobody could price
/// (neither LiteLLM nor the price book: billed at 0, flagged in reports). Addition is checked.
/// </summary>
public readonly record struct UsageCounters(long SpentNanos, long Requests, TokenCounts Tokens, long Failures, long CacheHits, long Unpriced = 0)
{
    public static readonly UsageCounters Zero = default;

    public bool IsZero => this == Zero;

    public static UsageCounters Of(UsageEvent usage) => new(
        Money.MoneyUnits.ToNanos(usage.BilledCost),
        1,
        usage.Tokens,
        usage.Status == UsageStatus.Failure ? 1 : 0,
        usage.CacheHit ? 1 : 0,
        usage.PriceSource == Prices.PriceSource.Unpriced && usage.Status == UsageStatus.Success ? 1 : 0);

    public static UsageCounters operator +(UsageCounters a, UsageCounters b) => new(
        checked(a.SpentNanos + b.SpentNanos),
        checked(a.Requests + b.Requests),
        a.Tokens + b.Tokens,
        checked(a.Failures + b.Failures),
        checked(a.CacheHits + b.CacheHits),
        checked(a.Unpriced + b.Unpriced));
}
