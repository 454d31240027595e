namespace Billing.Functions.Reconcile;

/// <summary>
/// <c>{"checked", "differences", "unsettled", "too_large", "continuation"}</c>: how many subjects this page covered,
/// what differs (empty: every invariant holds), the subjects not compared because their state row changed on every
/// read (busy: a rerun compares them) or because they have more rows than <c>Reconcile:MaxRowsPerSubject</c>, and the
/// value to send back for the next page (null on the last page and for one subject).
/// </summary>
public sealed record ReconcileResponse(
    int Checked, IReadOnlyList<ReconcileDifference> Differences, IReadOnlyList<string> Unsettled, IReadOnlyList<string> TooLarge, string? Continuation);

/// <summary>One broken invariant: <c>expected</c> is what the rows it sums give, <c>actual</c> what is stored; money as exact decimals.</summary>
public sealed record ReconcileDifference(string Subject, string Invariant, string Expected, string Actual, string Detail);
