using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Tests.Usage;

/// <summary>How single fields are read, on sample 01 changed one field at a time.</summary>
public sealed class LiteLlmNormalizerFieldTests
{
    private static string[] SubjectsOf(UsageEvent usage) => [.. usage.Subjects.Select(s => s.ToString())];

    [Fact]
    public void Litellm_call_id_is_preferred_over_id()
    {
        var usage = PayloadBuilder.ChatSuccess().SetString("litellm_call_id", "9c1d2e3f-call").Normalize();

        Assert.Equal("9c1d2e3f-call", usage.Id.Value);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    public void Id_is_used_when_litellm_call_id_is_empty(string callId)
    {
        var usage = PayloadBuilder.ChatSuccess().Set("litellm_call_id", callId).Normalize();

        Assert.Equal("chatcmpl-BxQ7mK2pL9vT4wR8sY1zA3cE5gH", usage.Id.Value);
    }

    [Theory]
    [InlineData("1795169702.999", 1795169702)]
    [InlineData("1795169702.000001", 1795169702)]
    [InlineData("1795169702", 1795169702)]
    [InlineData("1.795169702999e9", 1795169702)]
    [InlineData("946684800.5", 946684800)]
    public void Start_time_is_the_floor_of_the_epoch_seconds(string startTime, long expected)
    {
        var usage = PayloadBuilder.ChatSuccess().Set("startTime", startTime).Normalize();

        Assert.Equal(expected, usage.OccurredAtEpochSeconds);
    }

    [Theory]
    [InlineData("\"\"", "\"openai/gpt-4o\"", "openai/gpt-4o")]
    [InlineData("null", "\"openai/gpt-4o\"", "openai/gpt-4o")]
    [InlineData("null", "null", "unknown")]
    public void Model_falls_back_from_model_group_to_model_to_unknown(string modelGroup, string model, string expected)
    {
        var usage = PayloadBuilder.ChatSuccess().Set("model_group", modelGroup).Set("model", model).Normalize();

        Assert.Equal(expected, usage.Model);
    }

    [Fact]
    public void Model_longer_than_the_limit_is_cut_to_the_limit()
    {
        var usage = PayloadBuilder.ChatSuccess().SetString("model_group", new string('m', 5000)).Normalize();

        Assert.Equal(new string('m', Billing.Functions.Usage.LiteLlmNormalizer.MaxModelLength), usage.Model);
    }

    [Fact]
    public void Cutting_a_long_model_never_splits_an_emoji()
    {
        var name = new string('m', Billing.Functions.Usage.LiteLlmNormalizer.MaxModelLength - 1) + "🚀tail";

        var usage = PayloadBuilder.ChatSuccess().SetString("model_group", name).Normalize();

        Assert.False(char.IsHighSurrogate(usage.Model[^1]));
        Assert.StartsWith(usage.Model, name);
    }

    [Theory]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("2.04e-05", "0.0000204")]
    [InlineData("0.0000000001", "0.0000000001")]
    [InlineData("null", "0")]
    [InlineData("0", "0")]
    public void Cost_is_parsed_as_an_exact_decimal(string responseCost, string expected)
    {
        var usage = PayloadBuilder.ChatSuccess().Set("response_cost", responseCost).Normalize();

        Assert.Equal(decimal.Parse(expected, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture), usage.Cost);
    }

    [Fact]
    public void Failure_with_a_reported_cost_is_billed_nothing()
    {
        var usage = PayloadBuilder.ChatSuccess().Set("status", "\"failure\"").Set("response_cost", "0.0065").Normalize();

        Assert.Equal((UsageStatus.Failure, 0.0065m, 0m), (usage.Status, usage.Cost, usage.BilledCost));
    }

    [Fact]
    public void Cache_hit_with_a_reported_cost_is_billed_nothing()
    {
        var usage = PayloadBuilder.ChatSuccess().Set("cache_hit", "true").Set("response_cost", "0.0065").Normalize();

        Assert.Equal((true, 0.0065m, 0m), (usage.CacheHit, usage.Cost, usage.BilledCost));
    }

    [Theory]
    [InlineData("null", UsageStatus.Success)]
    [InlineData("\"rate limited\"", UsageStatus.Failure)]
    public void Missing_status_is_a_failure_only_when_there_is_an_error(string errorStr, UsageStatus expected)
    {
        var usage = PayloadBuilder.ChatSuccess().Remove("status").Set("error_str", errorStr).Normalize();

        Assert.Equal(expected, usage.Status);
    }

    [Fact]
    public void Empty_strings_are_not_subjects()
    {
        var usage = PayloadBuilder.ChatSuccess()
            .Set("metadata.user_api_key_user_id", "\"\"").Set("metadata.user_api_key_org_id", "\"\"").Set("end_user", "\"\"")
            .Normalize();

        Assert.Equal(["key:093df0459e3bfd66d4c5cf5b19bc28a8841b932ae86220eff6eefce25b453a3c", "team:team-acme"], SubjectsOf(usage));
    }

    [Fact]
    public void End_user_falls_back_to_the_metadata_end_user_id()
    {
        var usage = PayloadBuilder.ChatSuccess().WithoutSubjects().SetString("metadata.user_api_key_end_user_id", "cust-from-header").Normalize();

        Assert.Equal(["end_user:cust-from-header"], SubjectsOf(usage));
    }

    [Fact]
    public void Top_level_end_user_wins_over_the_metadata_end_user_id()
    {
        var usage = PayloadBuilder.ChatSuccess().WithoutSubjects()
            .SetString("end_user", "cust-top").SetString("metadata.user_api_key_end_user_id", "cust-meta").Normalize();

        Assert.Equal(["end_user:cust-top"], SubjectsOf(usage));
    }

    [Fact]
    public void Any_single_subject_is_enough()
    {
        var usage = PayloadBuilder.ChatSuccess().WithoutSubjects().SetString("metadata.user_api_key_org_id", "org-only").Normalize();

        Assert.Equal([new SubjectId(SubjectKind.Org, "org-only")], usage.Subjects);
    }

    [Theory]
    [InlineData("a/b\\c#d?e")]
    [InlineData("Zürich — 🚀 用户")]
    [InlineData("%2F~%")]
    public void Subject_ids_keep_every_character(string id)
    {
        var usage = PayloadBuilder.ChatSuccess().WithoutSubjects().SetString("metadata.user_api_key_team_id", id).Normalize();

        Assert.Equal([new SubjectId(SubjectKind.Team, id)], usage.Subjects);
    }

    [Fact]
    public void Subject_id_of_500_characters_is_kept_whole()
    {
        var id = string.Concat(Enumerable.Repeat("ü/#", 167))[..500];

        var usage = PayloadBuilder.ChatSuccess().WithoutSubjects().SetString("metadata.user_api_key_user_id", id).Normalize();

        Assert.Equal(id, Assert.Single(usage.Subjects).Id);
    }
}
