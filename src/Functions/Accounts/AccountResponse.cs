namespace Billing.Functions.Accounts;

/// <summary>An account with where each window stands now. <see cref="HasAccount"/> is false for a subject that only has usage.</summary>
public sealed record AccountResponse(
    string Subject,
    bool HasAccount,
    IReadOnlyList<string> Owners,
    string Currency,
    string TimeZone,
    IReadOnlyList<BudgetResponse> Budgets,
    LifetimeResponse Lifetime)
{
    /// <summary><c>budget</c> or <c>prepaid</c> (see the credits routes for the balance).</summary>
    public string BillingMode { get; init; } = "budget";

    /// <summary>Prepaid: the balance below which the account is suspended.</summary>
    public decimal SuspendBelow { get; init; }

    /// <summary>The Lago customer and subscription, defaults filled in (the subject's bare id).</summary>
    public LagoLinkResponse? Lago { get; init; }
}

/// <summary>Where the subject's usage goes in Lago; <see cref="Default"/> when neither id was set.</summary>
public sealed record LagoLinkResponse(string ExternalSubscriptionId, string ExternalCustomerId, bool Default);

/// <summary>
/// A window as configured and as it stands in its current period: <see cref="Used"/> and <see cref="Remaining"/> are in
/// the window's metric (USD, tokens or requests); <see cref="Spent"/>, <see cref="Requests"/> and <see cref="Tokens"/>
/// are the period's usage as counted by the window (its model filter applied).
/// </summary>
public sealed record BudgetResponse(
    string Name,
    string Period,
    DateTimeOffset? Anchor,
    string Metric,
    string Mode,
    decimal Limit,
    IReadOnlyList<string>? Models,
    IReadOnlyList<System.Text.Json.JsonElement> AlertThresholds,
    DateTimeOffset PeriodStart,
    DateTimeOffset? PeriodEnd,
    DateTimeOffset CountFrom,
    decimal Used,
    decimal Remaining,
    decimal Spent,
    long Requests,
    TokensResponse Tokens,
    IReadOnlyList<string> ThresholdsCrossed);

public sealed record TokensResponse(long Prompt, long Completion, long CachedPrompt, long Reasoning, long Total);

public sealed record LifetimeResponse(decimal Spent, long Requests, TokensResponse Tokens);

/// <summary>An absolute alert threshold as the API writes it: <c>{"amount": 150}</c>.</summary>
public sealed record ThresholdAmount(decimal Amount);
