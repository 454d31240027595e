using Billing.Domain.Prices;

namespace Billing.Tests.Usage;

/// <summary>
/// "LiteLLM could not price it": a successful call that is no cache hit, with <c>response_cost</c> 0 or null and a
/// <c>response_cost_failure_debug_info</c> object (sample 11). Every other call keeps LiteLLM's cost.
/// </summary>
public sealed class LiteLlmNormalizerPriceSourceTests
{
    [Fact]
    public void The_unmapped_model_sample_is_unpriced_at_cost_0()
    {
        var usage = Normalizing.Sample("11-cost-unknown-unmapped-model.json");

        Assert.Equal((PriceSource.Unpriced, 0m, "acme-support-ft"), (usage.PriceSource, usage.Cost, usage.Model));
    }

    public static TheoryData<string, int> PricedByLiteLlm => new()
    {
        { "01-chat-success.json", 0 },
        { "02-chat-streaming.json", 0 },
        { "03-cache-hit.json", 0 },
        { "04-embedding.json", 0 },
        { "05-failure-rate-limit.json", 0 },
        { "06-attribution-team-user-org-enduser.json", 0 },
        { "07-key-hash-only.json", 0 },
        { "08-reasoning-and-cached-prompt-tokens.json", 0 },
        { "09-image-generation.json", 0 },
        { "10-batch-json-array.json", 4 },
        { "12-odd-long-model-name.json", 0 },
        { "15-proxy-budget-exceeded-failure.json", 0 },
    };

    [Theory]
    [MemberData(nameof(PricedByLiteLlm))]
    public void Samples_LiteLLM_priced_or_that_cost_nothing_keep_LiteLLMs_cost(string file, int index)
    {
        var usage = Normalizing.Sample(file, index);

        Assert.Equal(PriceSource.LiteLlm, usage.PriceSource);
    }

    [Fact]
    public void A_null_response_cost_with_the_debug_info_is_unpriced()
    {
        var usage = PayloadBuilder.FromSample("11-cost-unknown-unmapped-model.json").Set("response_cost", "null").Normalize();

        Assert.Equal((PriceSource.Unpriced, 0m), (usage.PriceSource, usage.Cost));
    }

    [Theory]
    [InlineData("response_cost", "0.0042")]
    [InlineData("response_cost_failure_debug_info", "null")]
    [InlineData("response_cost_failure_debug_info", "\"cost failed\"")]
    [InlineData("status", "\"failure\"")]
    [InlineData("cache_hit", "true")]
    public void The_unmapped_model_sample_with_one_condition_unmet_keeps_LiteLLMs_cost(string field, string json)
    {
        var usage = PayloadBuilder.FromSample("11-cost-unknown-unmapped-model.json").Set(field, json).Normalize();

        Assert.Equal(PriceSource.LiteLlm, usage.PriceSource);
    }

    [Fact]
    public void A_missing_debug_info_keeps_LiteLLMs_cost_of_0()
    {
        var usage = PayloadBuilder.FromSample("11-cost-unknown-unmapped-model.json").Remove("response_cost_failure_debug_info").Normalize();

        Assert.Equal((PriceSource.LiteLlm, 0m), (usage.PriceSource, usage.Cost));
    }
}
