using Billing.Domain.Money;

namespace Billing.Domain.Budgets;

/// <summary>A spending limit per period. The limit is positive or zero (zero blocks all spending).</summary>
public sealed record Budget
{
    public Budget(Money.Money limit, BudgetPeriod period)
    {
        Guard.NotNegative(limit.Amount, nameof(limit));
        Guard.That(limit.Amount == MoneyUnits.RoundToNanos(limit.Amount), "must have at most nine decimals", nameof(limit));
        Limit = limit;
        Period = period;
    }

    public Money.Money Limit { get; }
    public BudgetPeriod Period { get; }
}
