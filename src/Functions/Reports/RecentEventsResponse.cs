using Billing.Functions.Accounts;

namespace Billing.Functions.Reports;

/// <summary>The subject's most recent events, newest first (by the time they occurred), at most <c>limit</c>.</summary>
public sealed record RecentEventsResponse(string Subject, int Limit, IReadOnlyList<RecentEventResponse> Events);

/// <summary>
/// One event: <see cref="Status"/> is <c>success</c> or <c>failure</c>; <see cref="Cost"/> is what the ledger billed
/// (0 for failures and cache hits).
/// </summary>
public sealed record RecentEventResponse(
    string Id,
    DateTimeOffset At,
    string Model,
    string? Provider,
    string Status,
    decimal Cost,
    bool CacheHit,
    TokensResponse Tokens);
