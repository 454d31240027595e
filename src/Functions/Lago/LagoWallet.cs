namespace Billing.Functions.Lago;

/// <summary>
/// The wallet fields the sync reads (spec <c>WalletObject</c>). Lago sends credits and rates as decimal strings; they
/// are parsed exactly (invariant culture, <see cref="decimal"/>, never <see cref="double"/>).
/// </summary>
public sealed record LagoWallet
{
    public const string ActiveStatus = "active";

    public required string LagoId { get; init; }

    public required string ExternalCustomerId { get; init; }

    /// <summary><c>active</c> or <c>terminated</c>.</summary>
    public required string Status { get; init; }

    /// <summary>ISO 4217 code, e.g. <c>USD</c>.</summary>
    public required string Currency { get; init; }

    /// <summary>The currency value of one credit (<c>rate_amount</c>).</summary>
    public required decimal RateAmount { get; init; }

    /// <summary>Credits left after ongoing usage (<c>credits_ongoing_balance</c>); negative once usage exceeds the balance.</summary>
    public required decimal CreditsOngoingBalance { get; init; }

    /// <summary>The ongoing balance in cents (<c>ongoing_balance_cents</c>): the settled balance minus current usage.</summary>
    public required long OngoingBalanceCents { get; init; }

    /// <summary>When Lago last refreshed the ongoing balance; null when it never did.</summary>
    public DateTimeOffset? LastBalanceSyncAt { get; init; }

    /// <summary>The metrics the wallet pays for (<c>applies_to.billable_metric_codes</c>); empty means no restriction.</summary>
    public IReadOnlyList<string> BillableMetricCodes { get; init; } = [];

    public string? Code { get; init; }

    /// <summary>1 (first) to 50 (last); Lago's default 50 when the answer has none.</summary>
    public int Priority { get; init; } = 50;

    public bool IsActive => Status == ActiveStatus;
}
