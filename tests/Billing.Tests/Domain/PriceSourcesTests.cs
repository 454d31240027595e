using Billing.Domain.Prices;

namespace Billing.Tests.Domain;

public sealed class PriceSourcesTests
{
    [Theory]
    [InlineData(PriceSource.LiteLlm, "litellm")]
    [InlineData(PriceSource.PriceBook, "price_book")]
    [InlineData(PriceSource.Unpriced, "unpriced")]
    [InlineData(PriceSource.Manual, "manual")]
    public void Each_source_has_one_name_that_parses_back(PriceSource source, string name)
    {
        Assert.Equal(name, PriceSources.Name(source));
        Assert.True(PriceSources.TryParse(name, out var parsed));
        Assert.Equal(source, parsed);
    }

    [Theory]
    [InlineData("LiteLlm")]
    [InlineData("PriceBook")]
    [InlineData("")]
    [InlineData(null)]
    public void Enum_spellings_and_empty_names_do_not_parse(string? name)
    {
        Assert.False(PriceSources.TryParse(name, out _));
    }
}
