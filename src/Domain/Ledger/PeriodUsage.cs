using Billing.Domain.Budgets;

namespace Billing.Domain.Ledger;

/// <summary>The counters of one period, identified by its kind and start (UTC).</summary>
public readonly record struct PeriodUsage(BudgetPeriod Period, DateTimeOffset Start, UsageCounters Counters)
{
    public static PeriodUsage Empty(BudgetPeriod period) => new(period, DateTimeOffset.MinValue, UsageCounters.Zero);

    public bool IsEmpty => Start == DateTimeOffset.MinValue;
}
