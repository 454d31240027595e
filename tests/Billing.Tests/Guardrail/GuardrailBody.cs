using System.Text.Json.Nodes;

namespace Billing.Tests.Guardrail;

/// <summary>
/// A request body shaped exactly as LiteLLM's Generic Guardrail API posts it (pre_call, chat, ≈ v1.83): every key of
/// <c>GenericGuardrailAPIRequest.model_dump()</c>, absent values as JSON null. By default the research notes' example
/// (§2.3): two messages, the full <c>request_data</c> identity, model <c>gpt-4o-mini</c>.
/// </summary>
public sealed class GuardrailBody
{
    public const string KeyHash = "88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b";
    public const string SystemPrompt = "You are a helpful assistant.";
    public const string UserPrompt = "Summarise this contract in 5 bullets.";

    private readonly JsonObject _body;

    private GuardrailBody(string inputType)
    {
        _body = new JsonObject
        {
            ["input_type"] = inputType,
            ["litellm_call_id"] = Guid.NewGuid().ToString(),
            ["litellm_trace_id"] = Guid.NewGuid().ToString(),
            ["structured_messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = SystemPrompt },
                new JsonObject { ["role"] = "user", ["content"] = UserPrompt }),
            ["images"] = null,
            ["tools"] = null,
            ["texts"] = new JsonArray(SystemPrompt, UserPrompt),
            ["request_data"] = new JsonObject
            {
                ["user_api_key_hash"] = KeyHash,
                ["user_api_key_alias"] = "acme-prod",
                ["user_api_key_user_id"] = "u_123",
                ["user_api_key_team_id"] = "team_acme",
                ["user_api_key_team_alias"] = "acme",
                ["user_api_key_org_id"] = "org_1",
                ["user_api_key_end_user_id"] = "customer-42",
            },
            ["request_headers"] = new JsonObject
            {
                ["host"] = "litellm:4000",
                ["content-type"] = "application/json",
                ["user-agent"] = "OpenAI/Python 1.99.0",
                ["x-request-id"] = "[present]",
            },
            ["litellm_version"] = "1.83.3",
            ["additional_provider_specific_params"] = new JsonObject { ["deployment"] = "prod-eu" },
            ["tool_calls"] = null,
            ["model"] = "gpt-4o-mini",
        };
    }

    /// <summary>A pre-call (<c>input_type: "request"</c>) body.</summary>
    public static GuardrailBody Request() => new("request");

    /// <summary>
    /// A post-call (<c>input_type: "response"</c>) body: the response text in <c>texts</c>, the provider's model, and
    /// <c>request_data</c> holding the response and the identity under <c>litellm_metadata</c>.
    /// </summary>
    public static GuardrailBody Response()
    {
        var body = new GuardrailBody("response");
        body._body["structured_messages"] = null;
        body._body["texts"] = new JsonArray("1. The parties ... 5. Termination.");
        body._body["model"] = "gpt-4o-mini-2024-07-18";
        body._body["request_data"] = new JsonObject
        {
            ["response"] = new JsonObject { ["id"] = "chatcmpl-abc", ["object"] = "chat.completion" },
            ["litellm_metadata"] = new JsonObject { ["user_api_key_hash"] = KeyHash, ["user_api_key_team_id"] = "team_acme" },
        };
        return body;
    }

    public string CallId => _body["litellm_call_id"]!.GetValue<string>();

    public GuardrailBody WithCallId(string? callId) => Set("litellm_call_id", callId);

    public GuardrailBody WithModel(string? model) => Set("model", model);

    /// <summary>The prompt as both <c>texts</c> and one user message of <c>structured_messages</c>, as LiteLLM extracts it.</summary>
    public GuardrailBody WithPrompt(string prompt) =>
        Set("texts", new JsonArray(prompt)).Set("structured_messages", new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }));

    /// <summary>Only these <c>request_data</c> fields (the aliases and email stay out).</summary>
    public GuardrailBody WithIdentity(params (string Field, string Value)[] fields)
    {
        var identity = new JsonObject();
        foreach (var (field, value) in fields) identity[field] = value;
        return Set("request_data", identity);
    }

    /// <summary>Any field, to any JSON (malformed bodies included).</summary>
    public GuardrailBody Set(string field, JsonNode? value)
    {
        _body[field] = value;
        return this;
    }

    public override string ToString() => _body.ToJsonString();
}
