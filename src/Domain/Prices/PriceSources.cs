namespace Billing.Domain.Prices;

/// <summary>The one table of names for <see cref="PriceSource"/>: <c>litellm</c>, <c>price_book</c>, <c>unpriced</c>.</summary>
public static class PriceSources
{
    public static readonly IReadOnlyList<PriceSource> All = [PriceSource.LiteLlm, PriceSource.PriceBook, PriceSource.Unpriced];

    public static string Name(PriceSource source) => source switch
    {
        PriceSource.LiteLlm => "litellm",
        PriceSource.PriceBook => "price_book",
        PriceSource.Unpriced => "unpriced",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "unknown price source"),
    };

    public static bool TryParse(string? name, out PriceSource source)
    {
        foreach (var candidate in All)
        {
            if (Name(candidate) == name)
            {
                source = candidate;
                return true;
            }
        }
        source = default;
        return false;
    }
}
