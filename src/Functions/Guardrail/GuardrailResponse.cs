namespace Billing.Functions.Guardrail;

/// <summary>
/// The answer LiteLLM reads: exactly <c>{"action":"NONE"}</c> to let the call through, or
/// <c>{"action":"BLOCKED","blocked_reason":"…"}</c> to stop it. It has no <c>texts</c> on purpose: LiteLLM writes any
/// returned texts back into the prompt, whatever the action.
/// </summary>
public sealed record GuardrailResponse(string Action, string? BlockedReason = null)
{
    public const string None = "NONE";
    public const string Blocked = "BLOCKED";

    public static readonly GuardrailResponse Allow = new(None);

    public static GuardrailResponse Block(string reason) => new(Blocked, reason);
}
