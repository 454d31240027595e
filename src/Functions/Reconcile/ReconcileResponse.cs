namespace Billing.Functions.Reconcile;

/// <summary>
/// <c>{"checked", "differences", "continuation"}</c>: how many subjects this page checked, what differs (empty: every
/// invariant holds), and the value to send back for the next page (null on the last page and for one subject).
/// </summary>
public sealed record ReconcileResponse(int Checked, IReadOnlyList<ReconcileDifference> Differences, string? Continuation);

/// <summary>One broken invariant: <c>expected</c> is what the rows it sums give, <c>actual</c> what is stored; money as exact decimals.</summary>
public sealed record ReconcileDifference(string Subject, string Invariant, string Expected, string Actual, string Detail);
