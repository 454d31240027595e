namespace Billing.Functions.Prices;

/// <summary>
/// <c>{"input_per_million": 2.5, "output_per_million": 10, "cached_input_per_million": 1.25, "reasoning_per_million": 10}</c>:
/// USD per million tokens. Cached input defaults to the input price, reasoning to the output price.
/// </summary>
public sealed class PriceRequest
{
    public decimal? InputPerMillion { get; set; }
    public decimal? OutputPerMillion { get; set; }
    public decimal? CachedInputPerMillion { get; set; }
    public decimal? ReasoningPerMillion { get; set; }
}
