namespace Billing.Functions.Budgets;

/// <summary>What one <c>BudgetRollover</c> run did.</summary>
public sealed record RolloverSummary(int Due, int Accounts, int Statements, int Rescheduled, int Failed, double Seconds);
