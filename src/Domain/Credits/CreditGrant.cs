namespace Billing.Domain.Credits;

/// <summary>
/// Prepaid credit granted to a subject: <see cref="AmountNanos"/> granted, <see cref="RemainingNanos"/> left. A grant
/// stops counting at <see cref="ExpiresAt"/> whether or not its expiry has been recorded yet (<see cref="ExpiryRecorded"/>),
/// and when voided. Amounts are nanos (billionths of a USD), like the ledger.
/// </summary>
public sealed record CreditGrant(
    string Id,
    long AmountNanos,
    long RemainingNanos,
    int Priority,
    DateTimeOffset GrantedAt,
    DateTimeOffset? ExpiresAt,
    string? Reason,
    bool Voided = false,
    bool ExpiryRecorded = false)
{
    public const int MaxIdLength = 128;

    /// <summary>Whether the grant can pay for usage at <paramref name="at"/>.</summary>
    public bool IsUsableAt(DateTimeOffset at) => !Voided && !ExpiryRecorded && RemainingNanos > 0 && (ExpiresAt is null || at < ExpiresAt);

    /// <summary>Whether the same grant posted again is the same request (the idempotency rule of grant ids).</summary>
    public bool SameRequestAs(CreditGrant other) =>
        Id == other.Id && AmountNanos == other.AmountNanos && Priority == other.Priority && ExpiresAt == other.ExpiresAt && Reason == other.Reason;
}
