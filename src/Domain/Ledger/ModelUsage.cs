namespace Billing.Domain.Ledger;

/// <summary>The counters of one model (and the provider it was last seen with) inside a <see cref="UsageBreakdown"/>.</summary>
public readonly record struct ModelUsage(string Model, string? Provider, UsageCounters Counters);
