namespace Billing.Functions.Usage.Manual;

/// <summary>
/// <c>POST /api/usage/manual</c>: usage that did not come through LiteLLM, entered by an operator. <see cref="Id"/>
/// (default: a new GUID) is the idempotency key; the ledger stores the event as <c>manual:&lt;id&gt;</c>.
/// <see cref="Cost"/> omitted: priced from the price book when tokens are given, else 0 (unpriced).
/// <see cref="At"/> is an ISO-8601 instant with an offset (default: now).
/// </summary>
public sealed class ManualUsageRequest
{
    public string? Id { get; set; }
    public Dictionary<string, string?>? Subjects { get; set; }
    public string? Model { get; set; }
    public string? Provider { get; set; }
    public decimal? Cost { get; set; }
    public long? PromptTokens { get; set; }
    public long? CompletionTokens { get; set; }
    public long? CachedPromptTokens { get; set; }
    public long? ReasoningTokens { get; set; }
    public string? At { get; set; }
    public string? Status { get; set; }
}
