using Billing.Functions.Accounts;

namespace Billing.Functions.Reports;

/// <summary>
/// A spend report: <see cref="From"/> and <see cref="To"/> as resolved (hours that start in [from, to) count),
/// the totals and the groups. <see cref="ModelsFolded"/>: some hour had more models than a roll-up keeps apart, and
/// those are reported under <c>(other)</c>.
/// </summary>
public sealed record UsageReportResponse(
    string Subject,
    bool HasAccount,
    string Currency,
    string TimeZone,
    DateTimeOffset From,
    DateTimeOffset To,
    string GroupBy,
    UsageFiguresResponse Totals,
    IReadOnlyList<UsageGroupResponse> Groups,
    bool ModelsFolded);

/// <summary>
/// Cost (billed, in <see cref="UsageReportResponse.Currency"/>), requests, of which failures, cache hits and unpriced
/// successes (no price from LiteLLM or the price book: counted, billed at 0, flagged here), and tokens.
/// </summary>
public sealed record UsageFiguresResponse(decimal Cost, long Requests, long Failures, long CacheHits, TokensResponse Tokens, long Unpriced = 0);

/// <summary>One group: a local day (<c>2026-03-29</c>, with its start and end), a model or a provider (start and end null).</summary>
public sealed record UsageGroupResponse(
    string Key,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    decimal Cost,
    long Requests,
    long Failures,
    long CacheHits,
    TokensResponse Tokens,
    long Unpriced = 0);
