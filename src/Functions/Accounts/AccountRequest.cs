using System.Text.Json;

namespace Billing.Functions.Accounts;

/// <summary>
/// Body of <c>PUT /api/accounts/{subject}</c>: owners, IANA time zone (default UTC) and budget windows (none = unlimited).
/// The single <c>budget</c> object of earlier versions is refused with a problem that points to <c>budgets</c>.
/// </summary>
public sealed class AccountRequest
{
    public List<string>? Owners { get; set; }
    public string? Currency { get; set; }
    public string? TimeZone { get; set; }
    public List<BudgetRequest?>? Budgets { get; set; }
    /// <summary><c>budget</c> (default: spending caps only) or <c>prepaid</c> (usage burns the payer's credits).</summary>
    public string? BillingMode { get; set; }
    /// <summary>Prepaid only: below this balance (USD, default 0) the account is suspended and the check denies.</summary>
    public decimal? SuspendBelow { get; set; }
    public JsonElement? Budget { get; set; }
    /// <summary>The Lago customer and subscription; each defaults to the subject's bare id.</summary>
    public LagoLinkRequest? Lago { get; set; }
}

/// <summary><c>{"external_subscription_id", "external_customer_id"}</c>: where this subject's usage goes in Lago.</summary>
public sealed class LagoLinkRequest
{
    public string? ExternalSubscriptionId { get; set; }
    public string? ExternalCustomerId { get; set; }
}

/// <summary>One window: <c>{"name","period","limit","mode","metric","alert_thresholds","models","anchor"}</c>.</summary>
public sealed class BudgetRequest
{
    public string? Name { get; set; }
    /// <summary><c>daily</c>, <c>weekly</c> (ISO, Monday), <c>monthly</c>, <c>total</c>, or an ISO-8601 duration with <see cref="Anchor"/>.</summary>
    public string? Period { get; set; }
    public DateTimeOffset? Anchor { get; set; }
    public decimal? Limit { get; set; }
    public string? Mode { get; set; }
    public string? Metric { get; set; }
    /// <summary>Fractions of the limit (<c>0.8</c>) or absolute amounts (<c>{"amount": 150}</c>).</summary>
    public List<JsonElement>? AlertThresholds { get; set; }
    public List<string>? Models { get; set; }
}
