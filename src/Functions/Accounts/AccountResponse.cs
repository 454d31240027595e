namespace Billing.Functions.Accounts;

/// <summary>An account with where it stands in its current period. <see cref="HasAccount"/> is false for a subject that only has usage.</summary>
public sealed record AccountResponse(
    string Subject,
    bool HasAccount,
    IReadOnlyList<string> Owners,
    string Currency,
    BudgetResponse? Budget,
    CurrentPeriodResponse CurrentPeriod,
    decimal Spent,
    decimal? Remaining,
    long Requests,
    TokensResponse Tokens,
    LifetimeResponse Lifetime);

public sealed record BudgetResponse(decimal Limit, string Period);

public sealed record CurrentPeriodResponse(string Period, DateTimeOffset Start, DateTimeOffset? End);

public sealed record TokensResponse(long Prompt, long Completion, long CachedPrompt, long Reasoning, long Total);

public sealed record LifetimeResponse(decimal Spent, long Requests, TokensResponse Tokens);
