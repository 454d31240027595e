namespace Billing.Functions.Guardrail;

/// <summary>The wire values of <c>input_type</c>.</summary>
public static class GuardrailInputTypes
{
    /// <summary>Before the LLM call (pre_call, during_call): the budget check.</summary>
    public const string Request = "request";

    /// <summary>After it (post_call): acknowledged; the spend arrives with the usage event.</summary>
    public const string Response = "response";
}
