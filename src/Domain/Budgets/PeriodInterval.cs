namespace Billing.Domain.Budgets;

/// <summary>A half-open interval [Start, End). <see cref="End"/> is null for the open-ended total period.</summary>
public readonly record struct PeriodInterval(BudgetPeriod Period, DateTimeOffset Start, DateTimeOffset? End)
{
    public bool Contains(DateTimeOffset instant) => instant >= Start && (End is null || instant < End);
}
