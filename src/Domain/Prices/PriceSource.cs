namespace Billing.Domain.Prices;

/// <summary>
/// Where an event's cost comes from: LiteLLM's <c>response_cost</c> (the default), the price book (LiteLLM could not
/// price the call), or nowhere (LiteLLM could not, and the book has no price for the model: counted at cost 0).
/// Wire and stored names are in <see cref="PriceSources"/>.
/// </summary>
public enum PriceSource
{
    LiteLlm,
    PriceBook,
    Unpriced,
}
