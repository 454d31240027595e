namespace Billing.Functions.Guardrail;

/// <summary>The tiktoken encoding a prompt is counted in; <see cref="TokenEncodings.For"/> picks it by model.</summary>
public enum TokenEncoding
{
    Cl100kBase,
    O200kBase,
}
