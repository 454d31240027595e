using Billing.Domain.Prices;
using Billing.Domain.Usage;
using Billing.Functions.Prices;

namespace Billing.Functions.Usage;

/// <summary>
/// The one way a call LiteLLM could not price (<see cref="PriceSource.Unpriced"/>) gets its cost from the price book:
/// the webhook, the quarantine replay and the manual entry all price through here. A cost the ledger cannot hold is a
/// <see cref="PayloadFieldException"/> on <paramref name="field"/>, never an overflow.
/// </summary>
public static class PriceBookPricing
{
    /// <summary>Prices <paramref name="usage"/> from this instance's copy of the book when it is unpriced; otherwise returns it as it is.</summary>
    public static async ValueTask<UsageEvent> PriceAsync(PriceBookCache prices, UsageEvent usage, string field, CancellationToken cancellationToken) =>
        usage.PriceSource == PriceSource.Unpriced ? Apply(await prices.GetAsync(cancellationToken), usage, field) : usage;

    public static UsageEvent Apply(PriceBook book, UsageEvent usage, string field = "response_cost")
    {
        try
        {
            return book.Apply(usage);
        }
        catch (OverflowException)
        {
            throw new PayloadFieldException(field, $"is 0 and the price book prices these tokens of {usage.Model} above what the ledger can hold");
        }
    }
}
