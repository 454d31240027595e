namespace Billing.Functions.Reconcile;

/// <summary>
/// Body of <c>POST /api/reconcile</c>, all optional: <c>{"subject": "team:x"}</c> for one subject, or
/// <c>{"limit": 100, "continuation": "..."}</c> for a page of all subjects (an empty body is the first page).
/// </summary>
public sealed class ReconcileRequest
{
    public string? Subject { get; set; }

    /// <summary>Subjects in this page, 1 to 1,000 (default 100).</summary>
    public int? Limit { get; set; }

    /// <summary>The previous answer's <c>continuation</c>.</summary>
    public string? Continuation { get; set; }
}
