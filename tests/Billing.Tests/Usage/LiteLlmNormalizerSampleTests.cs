using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Tests.Usage;

/// <summary>Every usable element of the shared LiteLLM v1.81.13 samples, field by field.</summary>
public sealed class LiteLlmNormalizerSampleTests
{
    private const string KeyHash = "093df0459e3bfd66d4c5cf5b19bc28a8841b932ae86220eff6eefce25b453a3c";

    public static TheoryData<string, int, string, UsageStatus, long> Identities => new()
    {
        { "01-chat-success.json", 0, "chatcmpl-BxQ7mK2pL9vT4wR8sY1zA3cE5gH", UsageStatus.Success, 1795169702 },
        { "02-chat-streaming.json", 0, "chatcmpl-6e1c3b2a-9f0d-4c55-8e21-7a9b0c4d2f13", UsageStatus.Success, 1795169800 },
        { "03-cache-hit.json", 0, "chatcmpl-CjA81b2c3d4e5f6g7h8i9j0kLmN_cache_hit1795169885.504", UsageStatus.Success, 1795169885 },
        { "04-embedding.json", 0, "4b8f2d61-7c3e-4a9b-b0d1-e2f3a4b5c6d7", UsageStatus.Success, 1795170011 },
        { "05-failure-rate-limit.json", 0, "a1f3c5e7-9b2d-4f6a-8c0e-1d3b5f7a9c2e", UsageStatus.Failure, 1795170090 },
        { "06-attribution-team-user-org-enduser.json", 0, "chatcmpl-DkQ2w3e4r5t6y7u8i9o0pAsDfG", UsageStatus.Success, 1795170227 },
        { "07-key-hash-only.json", 0, "chatcmpl-EwR1t2y3u4i5o6p7a8s9d0fGhJ", UsageStatus.Success, 1795170300 },
        { "08-reasoning-and-cached-prompt-tokens.json", 0, "chatcmpl-FrE9u8y7t6r5e4w3q2a1sZxCvB", UsageStatus.Success, 1795170433 },
        { "09-image-generation.json", 0, "b7d9f1a3-c5e7-4b9d-a1f3-c5e7b9d1f3a5", UsageStatus.Success, 1795170595 },
        { "10-batch-json-array.json", 0, "chatcmpl-GtY6u5i4o3p2a1s0dFgHjK", UsageStatus.Success, 1795169703 },
        { "10-batch-json-array.json", 1, "chatcmpl-HuJ7k6l5z4x3c2v1bNmQwE", UsageStatus.Success, 1795170228 },
        { "10-batch-json-array.json", 2, "c3e5a7b9-d1f3-4a5c-9e7b-1d3f5a7c9e1b", UsageStatus.Failure, 1795170092 },
        { "10-batch-json-array.json", 3, "d4f6b8c0-e2a4-4b6d-8f0a-2c4e6a8c0e2d", UsageStatus.Success, 1795170014 },
        { "10-batch-json-array.json", 4, "chatcmpl-CjA81b2c3d4e5f6g7h8i9j0kLmN_cache_hit1795169889.504", UsageStatus.Success, 1795169889 },
        { "11-cost-unknown-unmapped-model.json", 0, "chatcmpl-acme-ft-7f8e9d", UsageStatus.Success, 1795170792 },
        { "12-odd-long-model-name.json", 0, "chatcmpl-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", UsageStatus.Success, 1795170940 },
        { "15-proxy-budget-exceeded-failure.json", 0, "0e2c4a6b-8d0f-4b2d-9f4b-6d8f0b2d4f6a", UsageStatus.Failure, 1795171140 },
    };

    [Theory]
    [MemberData(nameof(Identities))]
    public void Sample_id_status_and_whole_start_second_are_read(string file, int index, string id, UsageStatus status, long epochSeconds)
    {
        var usage = Normalizing.Sample(file, index);

        Assert.Equal((new UsageEventId(id), status, epochSeconds), (usage.Id, usage.Status, usage.OccurredAtEpochSeconds));
    }

    public static TheoryData<string, int, string, string?> Models => new()
    {
        { "01-chat-success.json", 0, "gpt-4o", "openai" },
        { "02-chat-streaming.json", 0, "claude-sonnet", "anthropic" },
        { "04-embedding.json", 0, "text-embedding-3-large", "openai" },
        { "08-reasoning-and-cached-prompt-tokens.json", 0, "o3-mini", "openai" },
        { "09-image-generation.json", 0, "dall-e-3", "openai" },
        { "11-cost-unknown-unmapped-model.json", 0, "acme-support-ft", "hosted_vllm" },
        { "12-odd-long-model-name.json", 0, "Claude Sonnet (EU, Zürich cost-centre) — v2 🚀", "bedrock" },
        { "15-proxy-budget-exceeded-failure.json", 0, "gpt-4o", null },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Sample_model_is_the_model_group_else_the_model_and_provider_is_kept(string file, int index, string model, string? provider)
    {
        var usage = Normalizing.Sample(file, index);

        Assert.Equal((model, provider), (usage.Model, usage.Provider));
    }

    public static TheoryData<string, int, long, long, long, long> Tokens => new()
    {
        { "01-chat-success.json", 0, 1200, 350, 0, 0 },
        { "02-chat-streaming.json", 0, 3410, 1287, 0, 0 },
        { "03-cache-hit.json", 0, 412, 96, 0, 0 },
        { "04-embedding.json", 0, 5120, 0, 0, 0 },
        { "05-failure-rate-limit.json", 0, 0, 0, 0, 0 },
        { "06-attribution-team-user-org-enduser.json", 0, 845, 212, 0, 0 },
        { "08-reasoning-and-cached-prompt-tokens.json", 0, 18250, 4210, 16384, 3584 },
        { "09-image-generation.json", 0, 0, 0, 0, 0 },
        { "10-batch-json-array.json", 1, 845, 212, 0, 0 },
        { "10-batch-json-array.json", 4, 412, 96, 0, 0 },
        { "12-odd-long-model-name.json", 0, 2048, 512, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public void Sample_token_counts_include_cached_and_reasoning_splits_from_the_usage_object(string file, int index, long prompt, long completion, long cached, long reasoning)
    {
        var usage = Normalizing.Sample(file, index);

        Assert.Equal(new TokenCounts(prompt, completion, cached, reasoning), usage.Tokens);
    }

    public static TheoryData<string, int, decimal, bool, decimal> Costs => new()
    {
        { "01-chat-success.json", 0, 0.0065m, false, 0.0065m },
        { "02-chat-streaming.json", 0, 0.029535m, false, 0.029535m },
        { "03-cache-hit.json", 0, 0m, true, 0m },
        { "04-embedding.json", 0, 0.0006656m, false, 0.0006656m },
        { "05-failure-rate-limit.json", 0, 0m, false, 0m },
        { "06-attribution-team-user-org-enduser.json", 0, 0.00025395m, false, 0.00025395m },
        { "07-key-hash-only.json", 0, 0.0000204m, false, 0.0000204m },
        { "08-reasoning-and-cached-prompt-tokens.json", 0, 0.0295878m, false, 0.0295878m },
        { "09-image-generation.json", 0, 0.0799998476288m, false, 0.0799998476288m },
        { "10-batch-json-array.json", 4, 0m, true, 0m },
        { "11-cost-unknown-unmapped-model.json", 0, 0m, false, 0m },
        { "12-odd-long-model-name.json", 0, 0.0152064m, false, 0.0152064m },
    };

    [Theory]
    [MemberData(nameof(Costs))]
    public void Sample_cost_is_the_exact_decimal_of_response_cost(string file, int index, decimal cost, bool cacheHit, decimal billed)
    {
        var usage = Normalizing.Sample(file, index);

        Assert.Equal((cost, cacheHit, billed), (usage.Cost, usage.CacheHit, usage.BilledCost));
    }

    public static TheoryData<string, int, string[]> Subjects => new()
    {
        { "01-chat-success.json", 0, [$"key:{KeyHash}", "team:team-acme"] },
        { "05-failure-rate-limit.json", 0, [$"key:{KeyHash}", "team:team-acme"] },
        {
            "06-attribution-team-user-org-enduser.json", 0,
            [$"key:{KeyHash}", "user:user-alice@acme.example", "team:team-acme-support", "org:org-acme", "end_user:acme-customer-90017"]
        },
        { "07-key-hash-only.json", 0, ["key:99feba57485878ec5235be3c370f94a7d46e791b77bc01a960875179ba520ccb"] },
        { "10-batch-json-array.json", 1, [$"key:{KeyHash}", "user:user-alice@acme.example", "team:team-acme-support", "org:org-acme", "end_user:acme-customer-90017"] },
        { "15-proxy-budget-exceeded-failure.json", 0, [$"key:{KeyHash}", "team:team-acme"] },
    };

    [Theory]
    [MemberData(nameof(Subjects))]
    public void Sample_subjects_are_key_user_team_org_end_user_in_that_order(string file, int index, string[] subjects)
    {
        var usage = Normalizing.Sample(file, index);

        Assert.Equal(subjects, usage.Subjects.Select(s => s.ToString()));
    }

    [Theory]
    [InlineData("13-robustness-null-element-and-nulls.json", 0, "element")]
    [InlineData("13-robustness-null-element-and-nulls.json", 1, "metadata")]
    [InlineData("14-legacy-v1-payload.json", 0, "element")]
    public void Unusable_sample_elements_are_rejected_by_field(string file, int index, string field)
    {
        Assert.Equal(field, Normalizing.RejectsSample(file, index).Field);
    }

    [Fact]
    public void Every_sample_file_is_covered_here()
    {
        var covered = Identities.Select(row => row.Data.Item1)
            .Concat(["13-robustness-null-element-and-nulls.json", "14-legacy-v1-payload.json"]);

        Assert.Empty(Billing.Tests.Infrastructure.Samples.All().Except(covered));
    }
}
