using Billing.Domain.Usage;

namespace Billing.Domain.Prices;

/// <summary>
/// The prices of models by name (exact, case-sensitive), as read at one moment; immutable. A model is found as given
/// (<c>openai/gpt-4o</c>), else without its provider prefix, the text up to the first <c>/</c> (<c>gpt-4o</c>).
/// </summary>
public sealed class PriceBook
{
    public static readonly PriceBook Empty = new([]);

    private readonly Dictionary<string, ModelPrice> _prices;

    public PriceBook(IEnumerable<KeyValuePair<string, ModelPrice>> prices)
    {
        _prices = new Dictionary<string, ModelPrice>(Guard.NotNull(prices, nameof(prices)), StringComparer.Ordinal);
    }

    public int Count => _prices.Count;

    public ModelPrice? Find(string? model)
    {
        if (string.IsNullOrEmpty(model)) return null;
        if (_prices.TryGetValue(model, out var price)) return price;
        var slash = model.IndexOf('/');
        return slash > 0 && _prices.TryGetValue(model[(slash + 1)..], out price) ? price : null;
    }

    /// <summary>
    /// Prices an event LiteLLM could not price (<see cref="PriceSource.Unpriced"/>) when the book has its model; any
    /// other event is returned as it is. Throws <see cref="OverflowException"/> when the cost is larger than the
    /// ledger can hold (<see cref="Pricing.MaxCost"/>).
    /// </summary>
    public UsageEvent Apply(UsageEvent usage)
    {
        Guard.NotNull(usage, nameof(usage));
        if (usage.PriceSource != PriceSource.Unpriced || Find(usage.Model) is not { } price) return usage;
        return usage.Repriced(Pricing.Price(price, usage.Tokens), PriceSource.PriceBook);
    }
}
