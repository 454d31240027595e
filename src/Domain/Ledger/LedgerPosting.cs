namespace Billing.Domain.Ledger;

/// <summary>
/// The result of applying events: the subject's new ledger and the increments to add to past periods' history.
/// Both must be stored atomically with the events' applied markers.
/// </summary>
public sealed record LedgerPosting(SubjectLedger Ledger, IReadOnlyList<PeriodUsage> HistoryIncrements);
