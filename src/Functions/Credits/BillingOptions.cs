using Billing.Domain.Credits;

namespace Billing.Functions.Credits;

/// <summary>Bound from <c>Billing</c>: <c>Billing__PayerOrder</c>, the subject kinds in the order a prepaid payer is looked for.</summary>
public sealed class BillingOptions
{
    public const string SectionName = "Billing";

    /// <summary>Default <c>team,org,user,key,end_user</c>.</summary>
    public string PayerOrder { get; set; } = "team,org,user,key,end_user";

    public PayerRule PayerRule => PayerRule.TryParse(PayerOrder, out var rule) ? rule : PayerRule.Default;

    public bool IsValid => PayerRule.TryParse(PayerOrder, out _);
}
