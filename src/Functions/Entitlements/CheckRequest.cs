namespace Billing.Functions.Entitlements;

/// <summary><c>{"subjects": {"key": "...", "team": "..."}, "model": "...", "estimated_cost": 0.02}</c>.</summary>
public sealed class CheckRequest
{
    public Dictionary<string, string?>? Subjects { get; set; }
    public string? Model { get; set; }
    public decimal? EstimatedCost { get; set; }
}
