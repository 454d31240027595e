using Billing.Domain.Prices;

namespace Billing.Tests.Domain;

public sealed class ModelPriceTests
{
    public static TheoryData<decimal> ValidPrices => [0m, 0.075m, 2.5m, 0.000000000001m, 1_000_000m];

    [Theory]
    [MemberData(nameof(ValidPrices))]
    public void Prices_from_zero_to_a_million_per_million_tokens_are_valid(decimal perMillion)
    {
        var price = new ModelPrice(perMillion, perMillion, perMillion, perMillion);

        Assert.Equal(perMillion, price.InputPerMillion);
    }

    [Theory]
    [InlineData(-0.000001, 1, null, null, "inputPerMillion")]
    [InlineData(1, 1_000_000.000001, null, null, "outputPerMillion")]
    [InlineData(1, 1, -1.0, null, "cachedInputPerMillion")]
    [InlineData(1, 1, null, 2_000_000.0, "reasoningPerMillion")]
    public void A_negative_price_or_one_above_a_million_is_a_caller_bug(double input, double output, double? cached, double? reasoning, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => new ModelPrice((decimal)input, (decimal)output, (decimal?)cached, (decimal?)reasoning));

        Assert.Equal(parameter, e.ParamName);
    }
}
