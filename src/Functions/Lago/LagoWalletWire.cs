using System.Globalization;
using System.Text.Json;

namespace Billing.Functions.Lago;

/// <summary><c>GET /wallets</c>: spec <c>WalletsPaginated</c>.</summary>
internal sealed class LagoWalletsPage
{
    public required List<LagoWalletWire> Wallets { get; init; }

    public required LagoPageMeta Meta { get; init; }
}

/// <summary>The part of spec <c>PaginationMeta</c> the client follows.</summary>
internal sealed class LagoPageMeta
{
    public int? NextPage { get; init; }
}

/// <summary><c>GET /wallets/{lago_id}</c>: spec <c>Wallet</c>.</summary>
internal sealed class LagoWalletEnvelope
{
    public required LagoWalletWire Wallet { get; init; }
}

internal sealed class LagoAppliesTo
{
    public List<string>? BillableMetricCodes { get; init; }
}

/// <summary>Spec <c>WalletObject</c> as sent: the decimal fields are strings until <see cref="ToWallet"/> parses them.</summary>
internal sealed class LagoWalletWire
{
    public required string LagoId { get; init; }

    public required string ExternalCustomerId { get; init; }

    public required string Status { get; init; }

    public required string Currency { get; init; }

    public required string RateAmount { get; init; }

    public required string CreditsOngoingBalance { get; init; }

    public required long OngoingBalanceCents { get; init; }

    public DateTimeOffset? LastBalanceSyncAt { get; init; }

    public LagoAppliesTo? AppliesTo { get; init; }

    public string? Code { get; init; }

    public int? Priority { get; init; }

    /// <exception cref="JsonException">A decimal field is not a decimal number.</exception>
    public LagoWallet ToWallet() => new()
    {
        LagoId = LagoId,
        ExternalCustomerId = ExternalCustomerId,
        Status = Status,
        Currency = Currency,
        RateAmount = ParseDecimal(RateAmount, "rate_amount"),
        CreditsOngoingBalance = ParseDecimal(CreditsOngoingBalance, "credits_ongoing_balance"),
        OngoingBalanceCents = OngoingBalanceCents,
        LastBalanceSyncAt = LastBalanceSyncAt,
        BillableMetricCodes = AppliesTo?.BillableMetricCodes ?? [],
        Code = Code,
        Priority = Priority ?? 50,
    };

    /// <summary>Exact: digits with an optional sign and point, invariant culture, no exponent, no thousands separators.</summary>
    private static decimal ParseDecimal(string text, string field) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonException($"wallet {field} is not a decimal number");
}
