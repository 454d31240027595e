using System.Text.Json;

namespace Billing.Functions.Guardrail;

/// <summary>
/// The body LiteLLM's Generic Guardrail API posts (<c>GenericGuardrailAPIRequest</c>): only the fields the budget
/// check reads. Others (<c>images</c>, <c>request_headers</c>, <c>litellm_trace_id</c>, …) are skipped while reading.
/// The prompt fields stay raw JSON: they are read only to count tokens (<see cref="PromptTokens"/>), never kept or
/// logged. Absent optional fields arrive as JSON <c>null</c>.
/// </summary>
public sealed class GuardrailRequest
{
    /// <summary><c>request</c> (pre_call, during_call) or <c>response</c> (post_call); see <see cref="GuardrailInputTypes"/>.</summary>
    public string? InputType { get; set; }

    /// <summary>LiteLLM's per-request id (the <c>x-litellm-call-id</c> header); it keys the hold.</summary>
    public string? LitellmCallId { get; set; }

    /// <summary>The model (group or alias) the client asked for, before routing; absent before LiteLLM ≈ 1.81.3.</summary>
    public string? Model { get; set; }

    /// <summary>Caller identity: <c>user_api_key_hash</c>, <c>user_api_key_team_id</c>, …; <c>{}</c> when unknown.</summary>
    public JsonElement? RequestData { get; set; }

    /// <summary>The text of every message, in order; system messages included.</summary>
    public JsonElement? Texts { get; set; }

    /// <summary>The OpenAI-format <c>messages</c> as sent.</summary>
    public JsonElement? StructuredMessages { get; set; }

    /// <summary>Tool definitions; the model reads them as prompt tokens.</summary>
    public JsonElement? Tools { get; set; }

    /// <summary>Tool calls in the request's assistant messages.</summary>
    public JsonElement? ToolCalls { get; set; }
}
