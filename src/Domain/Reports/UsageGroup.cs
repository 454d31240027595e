using Billing.Domain.Ledger;

namespace Billing.Domain.Reports;

/// <summary>
/// One group of a usage report: a local day (<see cref="Key"/> <c>2026-03-29</c>, with the day's
/// [<see cref="Start"/>, <see cref="End"/>), 23 or 25 hours across a DST change), a model or a provider (no start or end).
/// </summary>
public sealed record UsageGroup(string Key, DateTimeOffset? Start, DateTimeOffset? End, UsageCounters Counters);
