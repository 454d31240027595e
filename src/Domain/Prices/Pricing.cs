using Billing.Domain.Money;
using Billing.Domain.Usage;

namespace Billing.Domain.Prices;

/// <summary>
/// Prices token counts: cached tokens are part of the prompt and reasoning tokens part of the completion, so
/// <c>(prompt − cached)·input + cached·cachedInput + (completion − reasoning)·output + reasoning·reasoning</c>,
/// divided by a million and rounded to the nano by <see cref="MoneyUnits.RoundToNanos"/>. Cached (reasoning) counts
/// above the prompt (completion) count are taken as the whole prompt (completion).
/// </summary>
public static class Pricing
{
    private const decimal TokensPerMillion = 1_000_000m;

    /// <summary>The largest cost the ledger holds: <see cref="long.MaxValue"/> nanos.</summary>
    public static readonly decimal MaxCost = MoneyUnits.FromNanos(long.MaxValue);

    /// <summary>The cost of <paramref name="tokens"/>; throws <see cref="OverflowException"/> above <see cref="MaxCost"/>.</summary>
    public static decimal Price(ModelPrice price, TokenCounts tokens) =>
        TryPrice(price, tokens, out var cost) ? cost : throw new OverflowException($"The cost of {tokens} is larger than the ledger can hold.");

    /// <summary>The cost of <paramref name="tokens"/>, or false when it is larger than <see cref="MaxCost"/>.</summary>
    public static bool TryPrice(ModelPrice price, TokenCounts tokens, out decimal cost)
    {
        Guard.NotNull(price, nameof(price));
        Guard.That(tokens is { Prompt: >= 0, Completion: >= 0, CachedPrompt: >= 0, Reasoning: >= 0 }, "must not be negative", nameof(tokens));
        var cached = Math.Min(tokens.CachedPrompt, tokens.Prompt);
        var reasoning = Math.Min(tokens.Reasoning, tokens.Completion);
        // At most 4 × long.MaxValue × 1,000,000 ≈ 3.7e25: well inside decimal's range.
        var perMillion = (tokens.Prompt - cached) * price.InputPerMillion
            + cached * price.CachedInputPerMillion
            + (tokens.Completion - reasoning) * price.OutputPerMillion
            + reasoning * price.ReasoningPerMillion;
        var exact = perMillion / TokensPerMillion;
        if (exact > MaxCost)
        {
            cost = 0m;
            return false;
        }
        cost = MoneyUnits.RoundToNanos(exact);
        return true;
    }
}
