using System.Text.Json.Nodes;

namespace Billing.Tests.Infrastructure.Lago;

/// <summary>
/// The customers and wallets a test configured, served as <c>GET /wallets?external_customer_id=…</c> (paginated like
/// Lago's Kaminari pages: no previous or next page beyond the last) and <c>GET /wallets/{lago_id}</c>. Lago answers an
/// unknown customer with <c>404 customer_not_found</c> (<c>lago-api:app/queries/wallets_query.rb</c>), not with an
/// empty list. Thread-safe.
/// </summary>
internal sealed class LagoWalletStore
{
    /// <summary>Lago's default page size (<c>PER_PAGE</c>).</summary>
    public const int DefaultPerPage = 100;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Guid> _customers = new(StringComparer.Ordinal);
    private readonly List<LagoWallet> _wallets = [];

    public void AddCustomer(string externalCustomerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalCustomerId);
        lock (_gate) _customers.TryAdd(externalCustomerId, Guid.NewGuid());
    }

    /// <summary>Adds the wallet, or replaces the one with the same <see cref="LagoWallet.LagoId"/>; its customer becomes known.</summary>
    public void Put(LagoWallet wallet)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        AddCustomer(wallet.ExternalCustomerId);
        lock (_gate)
        {
            var index = _wallets.FindIndex(w => w.LagoId == wallet.LagoId);
            if (index >= 0) _wallets[index] = wallet;
            else _wallets.Add(wallet);
        }
    }

    /// <summary>The customer's wallets as the test put them.</summary>
    public IReadOnlyList<LagoWallet> Of(string externalCustomerId)
    {
        lock (_gate) return [.. _wallets.Where(w => w.ExternalCustomerId == externalCustomerId)];
    }

    public (int Status, JsonNode Body) List(string? externalCustomerId, int? page, int? perPage)
    {
        lock (_gate)
        {
            if (externalCustomerId is null || !_customers.ContainsKey(externalCustomerId))
                return (404, LagoJson.Error(404, "Not Found", "customer_not_found"));

            var wallets = _wallets.Where(w => w.ExternalCustomerId == externalCustomerId).ToList();
            var size = perPage is > 0 ? perPage.Value : DefaultPerPage;
            var current = page is > 0 ? page.Value : 1;
            var totalPages = (wallets.Count + size - 1) / size;
            var outOfRange = current > totalPages;
            var meta = new JsonObject
            {
                ["current_page"] = current,
                ["next_page"] = current < totalPages ? current + 1 : null,
                ["prev_page"] = current > 1 && !outOfRange ? current - 1 : null,
                ["total_pages"] = totalPages,
                ["total_count"] = wallets.Count,
            };
            var items = wallets.Skip((current - 1) * size).Take(size).Select(ToJson);
            return (200, new JsonObject { ["wallets"] = new JsonArray([.. items]), ["meta"] = meta });
        }
    }

    public (int Status, JsonNode Body) Get(string lagoId)
    {
        lock (_gate)
        {
            var wallet = Guid.TryParse(lagoId, out var id) ? _wallets.Find(w => w.LagoId == id) : null;
            return wallet is null
                ? (404, LagoJson.Error(404, "Not Found", "wallet_not_found"))
                : (200, new JsonObject { ["wallet"] = ToJson(wallet) });
        }
    }

    /// <summary>
    /// Lago's <c>WalletObject</c>. The spec requires <c>balance</c> without declaring it; it is written as the
    /// settled balance in currency units (cents / 100), as a decimal string like the other amounts.
    /// </summary>
    private JsonObject ToJson(LagoWallet wallet) => new()
    {
        ["lago_id"] = wallet.LagoId.ToString(),
        ["lago_customer_id"] = _customers[wallet.ExternalCustomerId].ToString(),
        ["external_customer_id"] = wallet.ExternalCustomerId,
        ["status"] = wallet.Status,
        ["currency"] = wallet.Currency,
        ["name"] = wallet.Name,
        ["code"] = wallet.Code,
        ["priority"] = wallet.Priority,
        ["rate_amount"] = LagoJson.Decimal(wallet.RateAmount),
        ["credits_balance"] = LagoJson.Decimal(wallet.CreditsBalance),
        ["balance"] = LagoJson.Decimal(wallet.BalanceCents / 100m),
        ["balance_cents"] = wallet.BalanceCents,
        ["consumed_credits"] = LagoJson.Decimal(wallet.ConsumedCredits),
        ["ongoing_balance_cents"] = wallet.OngoingBalanceCents,
        ["ongoing_usage_balance_cents"] = wallet.OngoingUsageBalanceCents,
        ["credits_ongoing_balance"] = LagoJson.Decimal(wallet.CreditsOngoingBalance),
        ["credits_ongoing_usage_balance"] = LagoJson.Decimal(wallet.CreditsOngoingUsageBalance),
        ["created_at"] = LagoJson.Time(wallet.CreatedAt),
        ["expiration_at"] = LagoJson.TimeOrNull(wallet.ExpirationAt),
        ["last_balance_sync_at"] = LagoJson.TimeOrNull(wallet.LastBalanceSyncAt),
        ["last_consumed_credit_at"] = LagoJson.TimeOrNull(wallet.LastConsumedCreditAt),
        ["terminated_at"] = LagoJson.TimeOrNull(wallet.TerminatedAt),
        ["invoice_requires_successful_payment"] = false,
        ["paid_top_up_min_amount_cents"] = null,
        ["paid_top_up_max_amount_cents"] = null,
        ["applies_to"] = new JsonObject
        {
            ["fee_types"] = new JsonArray(),
            ["billable_metric_codes"] = new JsonArray([.. wallet.BillableMetricCodes.Select(c => (JsonNode?)c)]),
        },
        ["recurring_transaction_rules"] = new JsonArray(),
    };
}
