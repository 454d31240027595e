namespace Billing.Domain.Credits;

/// <summary>What happened to credit: granted, burned by usage, expired, voided, or synced from Lago. One entry per grant and change.</summary>
public enum CreditEntryKind
{
    Grant,
    Burn,
    Expiry,
    Void,

    /// <summary>The Lago wallets' mirror set to Lago's figure: a signed change of the balance (<see cref="CreditBook.MirrorLago"/>).</summary>
    Sync,
}

/// <summary>
/// One line of the credit ledger. <see cref="GrantId"/> is null for the part of a burn no grant covered (the overdraft).
/// <see cref="Reference"/> says what caused it (an event id for a burn).
/// </summary>
public sealed record CreditEntry(CreditEntryKind Kind, string? GrantId, long AmountNanos, DateTimeOffset At, string? Reference);
