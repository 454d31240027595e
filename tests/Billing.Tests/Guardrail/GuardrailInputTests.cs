using System.Net;
using System.Text.Json.Nodes;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Guardrail;

/// <summary>Malformed guardrail bodies are 400 problems naming the field.</summary>
public sealed class GuardrailInputTests(AzuriteFixture azurite) : AppTest(azurite)
{
    private GuardrailClient Guardrail => field ??= new GuardrailClient(App);

    public static TheoryData<string, string, string?> Malformed => new()
    {
        { "input_type", "input_type", null },
        { "input_type", "input_type", "\"prompt\"" },
        { "input_type", "input_type", "1" },
        { "model", "model", "42" },
        { "model", "model", $"\"{new string('m', 257)}\"" },
        { "litellm_call_id", "litellm_call_id", $"\"{new string('c', 257)}\"" },
        { "litellm_call_id", "litellm_call_id", "\"call\\u0007id\"" },
        { "texts", "texts", "\"one text\"" },
        { "texts", "texts[1]", "[\"fine\", 5]" },
        { "structured_messages", "structured_messages", "{}" },
        { "request_data", "request_data", "\"team_acme\"" },
        { "request_data", "request_data.user_api_key_team_id", "{\"user_api_key_team_id\": {\"id\": 1}}" },
        { "request_data", "request_data.user_api_key_end_user_id", $"{{\"user_api_key_end_user_id\": \"{new string('e', 1025)}\"}}" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_field_is_a_400_problem_naming_it(string field, string path, string? json)
    {
        var body = GuardrailBody.Request().Set(field, json is null ? null : JsonNode.Parse(json));

        var response = await Guardrail.PostAsync(body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"input_type\": \"request\",")]
    [InlineData("[]")]
    public async Task A_missing_or_broken_body_is_a_400_problem(string body)
    {
        var response = await Guardrail.PostAsync(body, apiKey: TestKeys.Check);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "body");
    }

    [Theory]
    [InlineData("model")]
    [InlineData("litellm_call_id")]
    [InlineData("input_type")]
    public async Task A_lone_surrogate_in_a_named_field_is_a_400_problem(string field)
    {
        var body = GuardrailBody.Request().Set(field, "LONE").ToString().Replace("\"LONE\"", "\"\\ud800\"", StringComparison.Ordinal);

        var response = await Guardrail.PostAsync(body, apiKey: TestKeys.Check);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_long_conversation_above_the_api_body_limit_is_checked()
    {
        var body = GuardrailBody.Request().WithPrompt(string.Join(' ', Enumerable.Repeat("The quick brown fox jumps over the lazy dog.", 20_000)));

        var response = await Guardrail.PostAsync(body);

        Assert.Equal("""{"action":"NONE"}""", await response.Content.ReadAsStringAsync());
    }
}
