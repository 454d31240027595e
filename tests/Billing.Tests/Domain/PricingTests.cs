using Billing.Domain.Prices;
using Billing.Domain.Usage;

namespace Billing.Tests.Domain;

public sealed class PricingTests
{
    private static readonly ModelPrice Gpt4o = new(2.5m, 10m, 1.25m, 10m);

    public static TheoryData<long, long, long, long, decimal> Gpt4oCalls => new()
    {
        { 0, 0, 0, 0, 0m },
        { 1_000_000, 0, 0, 0, 2.5m },
        { 0, 1_000_000, 0, 0, 10m },
        { 1200, 350, 0, 0, 0.0065m },
        { 1, 0, 0, 0, 0.0000025m },
        // 16,384 of 18,250 prompt tokens cached: 1,866 × 2.5 + 16,384 × 1.25 = 25,145 per million.
        { 18250, 0, 16384, 0, 0.025145m },
        // Reasoning at the output price: the split changes nothing here.
        { 0, 4210, 0, 3584, 0.0421m },
        { 18250, 4210, 16384, 3584, 0.067245m },
    };

    [Theory]
    [MemberData(nameof(Gpt4oCalls))]
    public void Cost_is_per_million_tokens_with_cached_tokens_inside_the_prompt(long prompt, long completion, long cached, long reasoning, decimal cost)
    {
        Assert.Equal(cost, Pricing.Price(Gpt4o, new TokenCounts(prompt, completion, cached, reasoning)));
    }

    public static TheoryData<long, long, long, long, decimal> ReasoningModelCalls => new()
    {
        // o3-mini like: input 1.1, output 4.4, cached 0.55, reasoning priced apart at 8.8 to see the split.
        { 0, 4210, 0, 3584, 0.0342936m },        // 626 × 4.4 + 3,584 × 8.8 = 34,293.6 per million
        { 18250, 4210, 16384, 3584, 0.0453574m }, // + 1,866 × 1.1 + 16,384 × 0.55 = 11,063.8
    };

    [Theory]
    [MemberData(nameof(ReasoningModelCalls))]
    public void Reasoning_tokens_inside_the_completion_have_their_own_price(long prompt, long completion, long cached, long reasoning, decimal cost)
    {
        var price = new ModelPrice(1.1m, 4.4m, 0.55m, 8.8m);

        Assert.Equal(cost, Pricing.Price(price, new TokenCounts(prompt, completion, cached, reasoning)));
    }

    public static TheoryData<decimal, decimal, long, long, decimal> Rounded => new()
    {
        // 930 × 1.234567891 + 410 × 3.3333333333 = 2,514.814805283 per million: 0.002514814805283 → nano.
        { 1.234567891m, 3.3333333333m, 930, 410, 0.002514815m },
        // 1 token at 0.0005 per million is 0.0000000005: half a nano rounds away from zero.
        { 0.0005m, 0m, 1, 0, 0.000000001m },
        { 0.00049m, 0m, 1, 0, 0m },
        { 0.075m, 0.3m, 930, 410, 0.00019275m },
    };

    [Theory]
    [MemberData(nameof(Rounded))]
    public void Cost_is_rounded_to_the_nano_half_away_from_zero(decimal input, decimal output, long prompt, long completion, decimal cost)
    {
        Assert.Equal(cost, Pricing.Price(new ModelPrice(input, output), new TokenCounts(prompt, completion, 0, 0)));
    }

    [Fact]
    public void Cached_and_reasoning_prices_default_to_the_input_and_output_prices()
    {
        var price = new ModelPrice(2.5m, 10m);

        Assert.Equal((2.5m, 10m), (price.CachedInputPerMillion, price.ReasoningPerMillion));
        Assert.Equal(Pricing.Price(price, new TokenCounts(1000, 500, 0, 0)), Pricing.Price(price, new TokenCounts(1000, 500, 400, 200)));
    }

    [Fact]
    public void Cached_and_reasoning_counts_above_their_totals_are_capped_at_them()
    {
        var price = new ModelPrice(2m, 8m, 1m, 16m);

        Assert.Equal(Pricing.Price(price, new TokenCounts(100, 50, 100, 50)), Pricing.Price(price, new TokenCounts(100, 50, 900, 700)));
    }

    [Fact]
    public void A_cost_above_what_the_ledger_holds_is_refused()
    {
        var price = new ModelPrice(ModelPrice.MaxPerMillion, ModelPrice.MaxPerMillion);
        var tokens = new TokenCounts(10_000_000_000, 0, 0, 0);

        Assert.False(Pricing.TryPrice(price, tokens, out _));
        Assert.Throws<OverflowException>(() => Pricing.Price(price, tokens));
    }

    [Fact]
    public void The_largest_counts_at_the_highest_price_do_not_overflow_the_arithmetic()
    {
        var price = new ModelPrice(ModelPrice.MaxPerMillion, ModelPrice.MaxPerMillion);

        Assert.False(Pricing.TryPrice(price, new TokenCounts(long.MaxValue, long.MaxValue, long.MaxValue, long.MaxValue), out _));
    }
}
