namespace Billing.Functions.Guardrail;

/// <summary>
/// Settings of the LiteLLM guardrail (section <c>Guardrail</c>). The request carries no <c>max_tokens</c>, so the
/// completion is estimated by an allowance per model: <c>Guardrail:OutputTokens:Default</c> (1024) and one key per
/// model, matched by <see cref="OutputTokenAllowance"/>.
/// </summary>
public sealed class GuardrailOptions
{
    public const string SectionName = "Guardrail";
    public const string DefaultModelKey = "Default";
    public const int DefaultOutputTokens = 1024;

    /// <summary>
    /// Output tokens to expect per call, by model; <c>Default</c> for the rest. Keys are matched ignoring case and
    /// with every character other than a letter or digit taken as <c>_</c>, so <c>Guardrail__OutputTokens__gpt_4_1</c>
    /// (an environment variable or Azure app setting, which allow no <c>-</c>, <c>.</c>, <c>/</c>) sets <c>gpt-4.1</c>.
    /// </summary>
    public Dictionary<string, int> OutputTokens { get; set; } = new(StringComparer.OrdinalIgnoreCase) { [DefaultModelKey] = DefaultOutputTokens };

    /// <summary>
    /// The cost to hold for a model the price book does not price (or a request without a model). Default 0: only
    /// token and request windows then stand in the way. A model the book does not know cannot be priced, so any
    /// amount is a guess: a flat hold would refuse cheap or self-hosted models whenever the remaining budget is below
    /// it, while the real spend still arrives with LiteLLM's usage event and counts in full. Set it to bound how far
    /// one unpriced call can overshoot a cost budget. Add the model to the price book to estimate it properly.
    /// </summary>
    public decimal UnknownModelCost { get; set; }

    /// <summary>Largest request body read; LiteLLM sends the whole prompt (images too), so this is well above the API's 64 KiB.</summary>
    public long MaxBodyBytes { get; set; } = 32 * 1024 * 1024;
}
