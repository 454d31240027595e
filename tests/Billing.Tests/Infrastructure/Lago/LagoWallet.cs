namespace Billing.Tests.Infrastructure.Lago;

/// <summary>
/// A wallet the test gives the <see cref="LagoStandIn"/> (<see cref="LagoStandIn.PutWallet"/>), served as Lago's
/// <c>WalletObject</c> with every field the spec requires. Amounts in cents are integers; credit amounts are decimals,
/// written as Lago writes them (<c>"100.0"</c>). <see cref="WithBalance"/> builds a consistent one.
/// </summary>
/// <remarks>
/// The spec's pattern for credit amounts (<c>^[0-9]+.?[0-9]*$</c>) has no minus sign: a negative credit amount, which
/// real Lago sends for a depleted wallet, makes Prism replace the answer with a 500 (see <see cref="LagoStandIn"/>).
/// Negative <c>*_cents</c> values are valid.
/// </remarks>
public sealed record LagoWallet(string ExternalCustomerId)
{
    /// <summary>Lago's id of the wallet (<c>lago_id</c>, a UUID in the spec): what <c>GET /wallets/{lago_id}</c> takes.</summary>
    public Guid LagoId { get; init; } = Guid.NewGuid();

    /// <summary><c>active</c> or <c>terminated</c>.</summary>
    public string Status { get; init; } = "active";

    /// <summary>An ISO 4217 code from the spec's <c>Currency</c> list.</summary>
    public string Currency { get; init; } = "USD";

    public string? Name { get; init; } = "Prepaid";

    public string? Code { get; init; } = "prepaid";

    /// <summary>1 (first) to 50 (last).</summary>
    public int Priority { get; init; } = 50;

    /// <summary>The currency value of one credit.</summary>
    public decimal RateAmount { get; init; } = 1m;

    public decimal CreditsBalance { get; init; }

    public long BalanceCents { get; init; }

    public decimal ConsumedCredits { get; init; }

    /// <summary><see cref="BalanceCents"/> minus <see cref="OngoingUsageBalanceCents"/>: the balance to gate on.</summary>
    public long OngoingBalanceCents { get; init; }

    public long OngoingUsageBalanceCents { get; init; }

    public decimal CreditsOngoingBalance { get; init; }

    public decimal CreditsOngoingUsageBalance { get; init; }

    public DateTimeOffset CreatedAt { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset? ExpirationAt { get; init; }

    public DateTimeOffset? LastBalanceSyncAt { get; init; }

    public DateTimeOffset? LastConsumedCreditAt { get; init; }

    public DateTimeOffset? TerminatedAt { get; init; }

    /// <summary>The metric codes the wallet pays for (<c>applies_to.billable_metric_codes</c>); empty means all.</summary>
    public IReadOnlyList<string> BillableMetricCodes { get; init; } = [];

    /// <summary>
    /// An active wallet with <paramref name="balanceCents"/> settled and <paramref name="ongoingUsageCents"/> of
    /// current usage, at 1 credit = 1 currency unit with 100 cents to the unit: credit amounts are the cents / 100.
    /// </summary>
    public static LagoWallet WithBalance(string externalCustomerId, long balanceCents, long ongoingUsageCents = 0) =>
        new(externalCustomerId)
        {
            BalanceCents = balanceCents,
            CreditsBalance = balanceCents / 100m,
            OngoingUsageBalanceCents = ongoingUsageCents,
            CreditsOngoingUsageBalance = ongoingUsageCents / 100m,
            OngoingBalanceCents = balanceCents - ongoingUsageCents,
            CreditsOngoingBalance = (balanceCents - ongoingUsageCents) / 100m,
        };
}
