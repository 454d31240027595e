namespace Billing.Domain.Prices;

/// <summary>The one table of names for <see cref="PriceSource"/>: <c>litellm</c>, <c>price_book</c>, <c>unpriced</c>, <c>manual</c>.</summary>
public static class PriceSources
{
    private static readonly NameTable<PriceSource> Names =
        new((PriceSource.LiteLlm, "litellm"), (PriceSource.PriceBook, "price_book"), (PriceSource.Unpriced, "unpriced"), (PriceSource.Manual, "manual"));

    public static IReadOnlyList<PriceSource> All => Names.Values;

    public static string Name(PriceSource source) => Names.Name(source);

    public static bool TryParse(string? name, out PriceSource source) => Names.TryParse(name, out source);
}
