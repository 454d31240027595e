namespace Billing.Functions.Entitlements;

/// <summary>
/// <c>{"subjects": {"key": "...", "team": "..."}, "model": "gpt-4o", "estimated_cost": 0.02, "estimated_tokens": 1500}</c>.
/// <see cref="Model"/> selects the model-filtered windows that govern the call. Without <see cref="EstimatedCost"/>,
/// the price book prices <see cref="EstimatedPromptTokens"/> and <see cref="EstimatedCompletionTokens"/> for the
/// model; without <see cref="EstimatedTokens"/>, their sum counts for token windows.
/// </summary>
public sealed class CheckRequest
{
    public Dictionary<string, string?>? Subjects { get; set; }
    public string? Model { get; set; }
    public decimal? EstimatedCost { get; set; }
    public long? EstimatedTokens { get; set; }
    public long? EstimatedPromptTokens { get; set; }
    public long? EstimatedCompletionTokens { get; set; }

    /// <summary>Hold the estimate against every hard window and the payer's credits until the usage settles it.</summary>
    public bool? Reserve { get; set; }

    /// <summary>
    /// With <see cref="Reserve"/>: the hold's id, chosen by the caller so a retried check holds once (the guardrail uses
    /// LiteLLM's call id). Omitted: a new id. The usage event settles it by <c>litellm_call_id</c> or by
    /// <c>metadata.requester_metadata.billing_reservation_id</c>.
    /// </summary>
    public string? ReservationId { get; set; }
}
