namespace Billing.Domain.Budgets;

/// <summary>Budget windows, all in UTC. Weeks are ISO weeks starting on Monday. <see cref="Total"/> never resets.</summary>
public enum BudgetPeriod
{
    Daily,
    Weekly,
    Monthly,
    Total,
}
