using Billing.Domain.Ledger;
using Billing.Domain.Subjects;

namespace Billing.Domain.Reconciliation;

/// <summary>
/// What reconciliation read of one subject's partition, already summed: the state row's lifetime counters and latest
/// hour, the applied-usage rows (<c>u|</c>) and roll-up rows (<c>r|</c>) with their counts, and, when they apply, the
/// credit book with its entries and the Lago outbox figures. The state row is the one read last, so all of these
/// belong to the same version of it.
/// </summary>
public sealed record LedgerFigures(
    SubjectId Subject,
    UsageCounters Lifetime,
    HourBucket? LatestHour,
    long AppliedRows,
    UsageCounters Applied,
    long RollupRows,
    UsageCounters Rolledup,
    CreditFigures? Credits = null,
    OutboxFigures? Lago = null);
