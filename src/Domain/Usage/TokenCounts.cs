namespace Billing.Domain.Usage;

/// <summary>Token counts as LiteLLM reports them: cached tokens are part of the prompt, reasoning of the completion.</summary>
public readonly record struct TokenCounts(long Prompt, long Completion, long CachedPrompt, long Reasoning)
{
    public static readonly TokenCounts None = default;

    public long Total => checked(Prompt + Completion);

    public static TokenCounts operator +(TokenCounts a, TokenCounts b) => new(
        checked(a.Prompt + b.Prompt),
        checked(a.Completion + b.Completion),
        checked(a.CachedPrompt + b.CachedPrompt),
        checked(a.Reasoning + b.Reasoning));
}
