namespace Billing.Domain.Prices;

/// <summary>
/// What one model costs, in USD per million tokens: input (prompt) and output (completion) tokens, cached input
/// tokens (default: the input price) and reasoning tokens (default: the output price). Each price is between 0 and
/// <see cref="MaxPerMillion"/>, with any number of decimals (<c>0.075</c>, <c>2.5</c>).
/// </summary>
public sealed record ModelPrice
{
    public const decimal MaxPerMillion = 1_000_000m;

    public ModelPrice(decimal inputPerMillion, decimal outputPerMillion, decimal? cachedInputPerMillion = null, decimal? reasoningPerMillion = null)
    {
        InputPerMillion = Checked(inputPerMillion, nameof(inputPerMillion));
        OutputPerMillion = Checked(outputPerMillion, nameof(outputPerMillion));
        CachedInputPerMillion = Checked(cachedInputPerMillion ?? inputPerMillion, nameof(cachedInputPerMillion));
        ReasoningPerMillion = Checked(reasoningPerMillion ?? outputPerMillion, nameof(reasoningPerMillion));
    }

    public decimal InputPerMillion { get; }
    public decimal OutputPerMillion { get; }
    public decimal CachedInputPerMillion { get; }
    public decimal ReasoningPerMillion { get; }

    /// <summary>Whether <paramref name="perMillion"/> is a price the book accepts: not negative, at most a million.</summary>
    public static bool IsValid(decimal perMillion) => perMillion is >= 0m and <= MaxPerMillion;

    private static decimal Checked(decimal perMillion, string paramName)
    {
        Guard.That(IsValid(perMillion), $"must be between 0 and {MaxPerMillion} USD per million tokens", paramName);
        return perMillion;
    }
}
