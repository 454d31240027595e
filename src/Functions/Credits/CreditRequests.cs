namespace Billing.Functions.Credits;

/// <summary>Body of <c>POST /api/accounts/{subject}/credits</c>: <c>{"grant_id", "amount", "expires_at", "priority", "reason"}</c>.</summary>
public sealed class CreditGrantRequest
{
    /// <summary>The idempotency key: the same grant posted twice is one grant; another body under it is a 409.</summary>
    public string? GrantId { get; set; }
    public decimal? Amount { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>Lower burns first (default 1).</summary>
    public int? Priority { get; set; }
    public string? Reason { get; set; }
}
