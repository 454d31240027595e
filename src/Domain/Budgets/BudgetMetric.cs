namespace Billing.Domain.Budgets;

/// <summary>What a budget window counts: spend in USD, tokens (prompt + completion), or requests.</summary>
public enum BudgetMetric
{
    Cost,
    Tokens,
    Requests,
}
