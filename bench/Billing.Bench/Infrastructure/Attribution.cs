namespace Billing.Bench.Infrastructure;

/// <summary>The LiteLLM attribution fields of one event; null leaves the field empty.</summary>
public sealed record Attribution(string? Key, string? User = null, string? Team = null, string? Org = null, string? EndUser = null);
