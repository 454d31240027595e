using Billing.Domain.Usage;

namespace Billing.Domain.Ledger;

/// <summary>Spend in nanos (see <see cref="Money.MoneyUnits"/>), request count and tokens. Addition is checked.</summary>
public readonly record struct UsageCounters(long SpentNanos, long Requests, TokenCounts Tokens)
{
    public static readonly UsageCounters Zero = default;

    public bool IsZero => this == Zero;

    public static UsageCounters Of(UsageEvent usage) =>
        new(Money.MoneyUnits.ToNanos(usage.BilledCost), 1, usage.Tokens);

    public static UsageCounters operator +(UsageCounters a, UsageCounters b) =>
        new(checked(a.SpentNanos + b.SpentNanos), checked(a.Requests + b.Requests), a.Tokens + b.Tokens);
}
