namespace Billing.Functions.Credits;

/// <summary>
/// A subject's credits now: the balance (what usable grants have left minus the overdraft; an expired grant no longer
/// counts, recorded or not), the status (<c>active</c>, or <c>suspended</c> below <c>suspend_below</c>) and every grant.
/// </summary>
public sealed record CreditsResponse(
    string Subject, string BillingMode, decimal Balance, decimal Overdraft, decimal SuspendBelow, string Status, IReadOnlyList<GrantResponse> Grants);

/// <summary>One grant: <c>status</c> is <c>active</c>, <c>used_up</c>, <c>expired</c> or <c>voided</c>.</summary>
public sealed record GrantResponse(
    string GrantId, decimal Amount, decimal Remaining, int Priority, DateTimeOffset GrantedAt, DateTimeOffset? ExpiresAt, string? Reason, string Status);

/// <summary>The credit ledger, newest first; balance = grants − burns − expiries − voids.</summary>
public sealed record CreditEntriesResponse(string Subject, IReadOnlyList<CreditEntryResponse> Entries);

public sealed record CreditEntryResponse(string Kind, string? GrantId, decimal Amount, DateTimeOffset At, string? Reference);
