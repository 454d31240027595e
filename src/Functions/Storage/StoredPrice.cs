using Billing.Domain.Prices;

namespace Billing.Functions.Storage;

/// <summary>One model's price in the price book, with the full model name and when it was last set.</summary>
public sealed record StoredPrice(string Model, ModelPrice Price, DateTimeOffset UpdatedAt);
