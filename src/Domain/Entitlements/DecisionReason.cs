namespace Billing.Domain.Entitlements;

/// <summary>Why a check decided as it did, as a closed set (the decision's <c>Reason</c> is the text for people).</summary>
public enum DecisionReason
{
    WithinBudget,
    SubjectSuspended,
    UnknownSubject,
    BudgetUsed,
    BudgetWouldExceed,
    PayerSuspended,
    BalanceTooLow,
    TooManyReservations,
    Other,
}

/// <summary>The one table of the reasons' wire names.</summary>
public static class DecisionReasons
{
    private static readonly NameTable<DecisionReason> Table = new(
        (DecisionReason.WithinBudget, "within_budget"), (DecisionReason.SubjectSuspended, "subject_suspended"),
        (DecisionReason.UnknownSubject, "unknown_subject"), (DecisionReason.BudgetUsed, "budget_used"),
        (DecisionReason.BudgetWouldExceed, "budget_would_exceed"), (DecisionReason.PayerSuspended, "payer_suspended"),
        (DecisionReason.BalanceTooLow, "balance_too_low"), (DecisionReason.TooManyReservations, "too_many_reservations"),
        (DecisionReason.Other, "other"));

    public static string Name(DecisionReason reason) => Table.Name(reason);
}
