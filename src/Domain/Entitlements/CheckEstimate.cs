namespace Billing.Domain.Entitlements;

/// <summary>What a call is expected to use: its cost (USD), its tokens, and the model (for model-filtered windows).</summary>
public readonly record struct CheckEstimate(decimal Cost, long Tokens, string? Model)
{
    public static readonly CheckEstimate None = new(0m, 0, null);
}
