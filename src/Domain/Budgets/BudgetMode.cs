namespace Billing.Domain.Budgets;

/// <summary><see cref="Hard"/>: the check denies a call that would exceed the window. <see cref="Soft"/>: it allows, and alerts still fire.</summary>
public enum BudgetMode
{
    Hard,
    Soft,
}
