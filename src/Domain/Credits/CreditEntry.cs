namespace Billing.Domain.Credits;

/// <summary>What happened to credit: granted, burned by usage, expired or voided. One entry per grant and change.</summary>
public enum CreditEntryKind
{
    Grant,
    Burn,
    Expiry,
    Void,
}

/// <summary>
/// One line of the credit ledger. <see cref="GrantId"/> is null for the part of a burn no grant covered (the overdraft).
/// <see cref="Reference"/> says what caused it (an event id for a burn).
/// </summary>
public sealed record CreditEntry(CreditEntryKind Kind, string? GrantId, long AmountNanos, DateTimeOffset At, string? Reference);
