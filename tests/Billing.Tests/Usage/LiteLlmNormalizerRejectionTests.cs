using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Tests.Usage;

/// <summary>Unusable elements throw <see cref="Billing.Functions.Usage.PayloadFieldException"/> naming the field, never anything else.</summary>
public sealed class LiteLlmNormalizerRejectionTests
{
    [Theory]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"a string\"")]
    [InlineData("true")]
    [InlineData("[]")]
    [InlineData("[{\"id\":\"x\"}]")]
    public void Element_that_is_not_an_object_is_rejected(string element)
    {
        Assert.Equal("element", Normalizing.Rejects(element).Field);
    }

    public static TheoryData<string, string, string> WrongValues => new()
    {
        // path, JSON value, field named in the error
        { "response_cost", "\"0.0065\"", "response_cost" },
        { "response_cost", "-0.0065", "response_cost" },
        { "response_cost", "1e400", "response_cost" },
        { "response_cost", "1e20", "response_cost" },
        { "response_cost", "9223372036.854775808", "response_cost" },
        { "prompt_tokens", "-1", "prompt_tokens" },
        { "prompt_tokens", "1.5", "prompt_tokens" },
        { "prompt_tokens", "1e30", "prompt_tokens" },
        { "completion_tokens", "\"350\"", "completion_tokens" },
        { "metadata", "[]", "metadata" },
        { "metadata", "\"user_api_key_hash=abc\"", "metadata" },
        { "metadata.user_api_key_hash", "{}", "metadata.user_api_key_hash" },
        { "metadata.user_api_key_team_id", "[\"team-acme\"]", "metadata.user_api_key_team_id" },
        { "metadata.usage_object", "[]", "metadata.usage_object" },
        { "metadata.usage_object.prompt_tokens_details", "7", "metadata.usage_object.prompt_tokens_details" },
        { "metadata.usage_object.prompt_tokens_details.cached_tokens", "-5", "metadata.usage_object.prompt_tokens_details.cached_tokens" },
        { "metadata.usage_object.completion_tokens_details.reasoning_tokens", "\"640\"", "metadata.usage_object.completion_tokens_details.reasoning_tokens" },
        { "cache_hit", "\"True\"", "cache_hit" },
        { "status", "\"ok\"", "status" },
        { "status", "true", "status" },
        { "end_user", "{}", "end_user" },
        { "model_group", "[]", "model_group" },
        { "litellm_call_id", "{}", "litellm_call_id" },
        { "startTime", "\"2026-11-20 10:37:01.112233\"", "startTime" },
        { "startTime", "1795169702104", "startTime" },
        { "startTime", "946684799.9", "startTime" },
        { "startTime", "-1", "startTime" },
        { "startTime", "1e20", "startTime" },
        { "startTime", "-1e25", "startTime" },
        { "startTime", "1e400", "startTime" },
    };

    [Theory]
    [MemberData(nameof(WrongValues))]
    public void Wrong_type_or_range_is_rejected_naming_the_field(string path, string json, string field)
    {
        var error = PayloadBuilder.ChatSuccess().Set(path, json).Rejected();

        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("startTime", "startTime")]
    [InlineData("id", "id")]
    public void Missing_required_field_is_rejected_by_name(string path, string field)
    {
        var error = PayloadBuilder.ChatSuccess().Remove(path).Rejected();

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Null_id_without_a_call_id_is_rejected()
    {
        var error = PayloadBuilder.ChatSuccess().Set("id", "null").Set("litellm_call_id", "\"\"").Rejected();

        Assert.Equal("id", error.Field);
    }

    [Fact]
    public void Id_longer_than_the_event_id_limit_is_rejected()
    {
        var error = PayloadBuilder.ChatSuccess().SetString("id", new string('i', UsageEventId.MaxLength + 1)).Rejected();

        Assert.Equal("id", error.Field);
    }

    [Fact]
    public void Call_id_longer_than_the_event_id_limit_is_rejected_by_its_own_name()
    {
        var error = PayloadBuilder.ChatSuccess().SetString("litellm_call_id", new string('c', UsageEventId.MaxLength + 1)).Rejected();

        Assert.Equal("litellm_call_id", error.Field);
    }

    [Fact]
    public void Element_without_any_subject_is_rejected_as_metadata()
    {
        var error = PayloadBuilder.ChatSuccess().WithoutSubjects().Rejected();

        Assert.Equal("metadata", error.Field);
    }

    [Fact]
    public void Element_with_null_metadata_and_no_end_user_is_rejected_as_metadata()
    {
        var error = PayloadBuilder.ChatSuccess().Set("metadata", "null").Rejected();

        Assert.Equal("metadata", error.Field);
    }

    [Theory]
    [InlineData("metadata.user_api_key_hash")]
    [InlineData("metadata.user_api_key_user_id")]
    [InlineData("metadata.user_api_key_team_id")]
    [InlineData("metadata.user_api_key_org_id")]
    [InlineData("metadata.user_api_key_end_user_id")]
    [InlineData("end_user")]
    public void Subject_id_longer_than_the_limit_is_rejected_naming_its_field(string path)
    {
        var error = PayloadBuilder.ChatSuccess().SetString(path, new string('s', SubjectId.MaxIdLength + 1)).Rejected();

        Assert.Equal(path, error.Field);
    }

    [Theory]
    [InlineData("litellm_call_id")]
    [InlineData("end_user")]
    [InlineData("metadata.user_api_key_team_id")]
    [InlineData("model_group")]
    public void String_with_a_lone_surrogate_escape_is_rejected_naming_the_field(string path)
    {
        var json = PayloadBuilder.ChatSuccess().SetString(path, "LONE-SURROGATE").ToJson().Replace("LONE-SURROGATE", "bad\\ud800");

        Assert.Equal(path, Normalizing.Rejects(json).Field);
    }

    [Fact]
    public void Legacy_v1_shape_is_rejected_as_a_whole()
    {
        var error = PayloadBuilder.ChatSuccess().Remove("response_cost").Set("cost", "\"5e-05\"").Set("startTime", "\"2026-11-20 10:37:01.112233\"").Rejected();

        Assert.Equal("element", error.Field);
    }
}
