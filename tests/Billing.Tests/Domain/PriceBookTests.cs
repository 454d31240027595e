using Billing.Domain.Prices;
using Billing.Domain.Usage;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Domain;

public sealed class PriceBookTests
{
    private static readonly ModelPrice Gpt4o = new(2.5m, 10m);
    private static readonly ModelPrice OpenAiGpt4o = new(3m, 12m);

    private static PriceBook Book(params (string Model, ModelPrice Price)[] prices) =>
        new(prices.Select(p => KeyValuePair.Create(p.Model, p.Price)));

    [Fact]
    public void A_model_is_found_as_given_first()
    {
        var book = Book(("gpt-4o", Gpt4o), ("openai/gpt-4o", OpenAiGpt4o));

        Assert.Equal(OpenAiGpt4o, book.Find("openai/gpt-4o"));
    }

    [Theory]
    [InlineData("openai/gpt-4o")]
    [InlineData("gpt-4o")]
    public void A_model_is_found_without_its_provider_prefix(string model)
    {
        Assert.Equal(Gpt4o, Book(("gpt-4o", Gpt4o)).Find(model));
    }

    [Theory]
    [InlineData("GPT-4o")]
    [InlineData("azure/eu/gpt-4o")]
    [InlineData("gpt-4o/")]
    [InlineData("")]
    [InlineData(null)]
    public void Only_the_exact_name_or_the_name_after_the_first_slash_is_found(string? model)
    {
        Assert.Null(Book(("gpt-4o", Gpt4o)).Find(model));
    }

    [Fact]
    public void An_unpriced_event_is_priced_from_the_book()
    {
        var usage = Unpriced("openai/gpt-4o", new TokenCounts(1200, 350, 0, 0));

        var priced = Book(("gpt-4o", Gpt4o)).Apply(usage);

        Assert.Equal((0.0065m, PriceSource.PriceBook, 0.0065m), (priced.Cost, priced.PriceSource, priced.BilledCost));
        Assert.Equal(usage.Tokens, priced.Tokens);
        Assert.Equal(usage.Subjects, priced.Subjects);
    }

    [Fact]
    public void An_unpriced_event_without_a_price_in_the_book_stays_unpriced_at_cost_0()
    {
        var usage = Unpriced("acme-support-ft", new TokenCounts(930, 410, 0, 0));

        var result = Book(("gpt-4o", Gpt4o)).Apply(usage);

        Assert.Equal((0m, PriceSource.Unpriced), (result.Cost, result.PriceSource));
    }

    [Fact]
    public void An_event_LiteLLM_priced_keeps_its_cost()
    {
        var usage = new UsageEventBuilder().WithModel("gpt-4o", "openai").WithCost(0.001m).Build();

        Assert.Same(usage, Book(("gpt-4o", Gpt4o)).Apply(usage));
    }

    [Fact]
    public void An_unpriced_event_must_cost_0()
    {
        var usage = new UsageEventBuilder().WithCost(0.001m).Build();

        Assert.Throws<ArgumentException>(() => usage.Repriced(0.001m, PriceSource.Unpriced));
    }

    private static UsageEvent Unpriced(string model, TokenCounts tokens)
    {
        var usage = new UsageEventBuilder().WithModel(model, "openai").WithTokens(tokens.Prompt, tokens.Completion, tokens.CachedPrompt, tokens.Reasoning).WithCost(0m).Build();
        return usage.Repriced(0m, PriceSource.Unpriced);
    }
}
