using System.Text.Json.Serialization;

namespace Billing.Functions.Guardrail;

/// <summary>
/// Source-generated JSON for LiteLLM's guardrail contract: snake_case, and null fields left out so an allow is
/// exactly <c>{"action":"NONE"}</c>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(GuardrailRequest))]
[JsonSerializable(typeof(GuardrailResponse))]
internal sealed partial class GuardrailJsonContext : JsonSerializerContext;
