using Billing.Functions.Storage;

namespace Billing.Functions.Prices;

/// <summary>One model's prices as the API answers them, defaults resolved.</summary>
public sealed record PriceView(
    string Model,
    decimal InputPerMillion,
    decimal OutputPerMillion,
    decimal CachedInputPerMillion,
    decimal ReasoningPerMillion,
    DateTimeOffset UpdatedAt)
{
    public static PriceView Of(StoredPrice stored) => new(
        stored.Model,
        stored.Price.InputPerMillion,
        stored.Price.OutputPerMillion,
        stored.Price.CachedInputPerMillion,
        stored.Price.ReasoningPerMillion,
        stored.UpdatedAt);
}
