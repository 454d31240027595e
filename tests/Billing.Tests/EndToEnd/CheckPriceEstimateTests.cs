using System.Net;
using System.Text.Json;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.EndToEnd;

/// <summary>Without <c>estimated_cost</c>, the check prices the estimated prompt and completion tokens from the price book.</summary>
public sealed class CheckPriceEstimateTests(AzuriteFixture azurite) : AppTest(azurite)
{
    private PricesClient Prices => field ??= new PricesClient(App);

    public override async ValueTask InitializeAsync()
    {
        await Prices.SetAsync("gpt-4o", 2.5m, 10m);
        await (await Client.PutAccountAsync("team:acme", new
        {
            budgets = new object[]
            {
                new { name = "daily", period = "daily", limit = 0.01m },
                new { name = "tokens", period = "daily", metric = "tokens", limit = 2000 },
            },
        })).AssertJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_estimate_is_the_price_books_cost_of_the_tokens()
    {
        var result = await CheckAsync(new { subjects = new { team = "acme" }, model = "gpt-4o", estimated_prompt_tokens = 1200, estimated_completion_tokens = 350 });

        Assert.Equal((true, 0.0065m, "price_book"), Estimate(result));
    }

    [Fact]
    public async Task The_price_book_estimate_can_deny_the_call()
    {
        // 2,000 × 2.5 + 600 × 10 = 11,000 per million: 0.011 USD, above the 0.01 daily limit.
        var result = await CheckAsync(new { subjects = new { team = "acme" }, model = "openai/gpt-4o", estimated_prompt_tokens = 2000, estimated_completion_tokens = 600, estimated_tokens = 1 });

        Assert.Equal((false, 0.011m, "price_book"), Estimate(result));
        Assert.Equal("daily", result.GetProperty("denied_by").GetProperty("window").GetString());
    }

    [Fact]
    public async Task A_given_estimated_cost_is_used_as_it_is()
    {
        var result = await CheckAsync(new { subjects = new { team = "acme" }, model = "gpt-4o", estimated_cost = 0.002m, estimated_prompt_tokens = 1200, estimated_completion_tokens = 350 });

        Assert.Equal((true, 0.002m, "request"), Estimate(result));
    }

    [Theory]
    [InlineData("claude-sonnet")]
    [InlineData(null)]
    public async Task A_model_without_a_price_estimates_0(string? model)
    {
        var result = await CheckAsync(new { subjects = new { team = "acme" }, model, estimated_prompt_tokens = 100_000, estimated_completion_tokens = 100_000, estimated_tokens = 1 });

        Assert.Equal((true, 0m, "none"), Estimate(result));
    }

    [Fact]
    public async Task Without_token_counts_the_estimate_is_0()
    {
        var result = await CheckAsync(new { subjects = new { team = "acme" }, model = "gpt-4o", estimated_tokens = 1500 });

        Assert.Equal((true, 0m, "none"), Estimate(result));
    }

    [Fact]
    public async Task Without_estimated_tokens_the_prompt_and_completion_tokens_count_for_token_windows()
    {
        var denied = await CheckAsync(new { subjects = new { team = "acme" }, model = "claude-sonnet", estimated_prompt_tokens = 1500, estimated_completion_tokens = 501 });
        var allowed = await CheckAsync(new { subjects = new { team = "acme" }, model = "claude-sonnet", estimated_prompt_tokens = 1500, estimated_completion_tokens = 501, estimated_tokens = 2000 });

        Assert.False(denied.GetProperty("allowed").GetBoolean());
        Assert.Equal("tokens", denied.GetProperty("denied_by").GetProperty("window").GetString());
        Assert.True(allowed.GetProperty("allowed").GetBoolean());
    }

    [Theory]
    [InlineData("estimated_prompt_tokens", -1, 0L)]
    [InlineData("estimated_completion_tokens", 0L, -1)]
    [InlineData("estimated_completion_tokens", long.MaxValue, 1L)]
    public async Task Negative_or_overflowing_token_estimates_are_a_400_problem_naming_the_field(string field, long prompt, long completion)
    {
        var response = await Client.CheckAsync(new { subjects = new { team = "acme" }, model = "gpt-4o", estimated_prompt_tokens = prompt, estimated_completion_tokens = completion });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_price_book_estimate_larger_than_the_ledger_holds_is_a_400_problem()
    {
        var response = await Client.CheckAsync(new { subjects = new { team = "acme" }, model = "gpt-4o", estimated_prompt_tokens = long.MaxValue, estimated_completion_tokens = 0 });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "estimated_prompt_tokens");
    }

    private async Task<JsonElement> CheckAsync(object request) => await (await Client.CheckAsync(request)).AssertJsonAsync(HttpStatusCode.OK);

    private static (bool Allowed, decimal Cost, string? Source) Estimate(JsonElement result) =>
        (result.GetProperty("allowed").GetBoolean(), result.GetProperty("estimated_cost").GetDecimal(), result.GetProperty("estimate_source").GetString());
}
