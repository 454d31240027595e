namespace Billing.Domain.Prices;

/// <summary>
/// Where an event's cost comes from: LiteLLM's <c>response_cost</c> (the default), the price book (LiteLLM could not
/// price the call), nowhere (LiteLLM could not, and the book has no price for the model: counted at cost 0), or an
/// operator who entered the usage by hand with its cost (<c>POST /api/usage/manual</c>).
/// Wire and stored names are in <see cref="PriceSources"/>.
/// </summary>
public enum PriceSource
{
    LiteLlm,
    PriceBook,
    Unpriced,
    Manual,
}
