namespace Billing.Domain.Reconciliation;

/// <summary>
/// Compares what was read of one subject's partition against the ledger's invariants and returns what differs: pure,
/// no I/O. An empty list means every invariant that applies holds (credits only with a credit book, Lago only when the
/// figures include the outbox).
/// </summary>
public static class Reconciler
{
    public static IReadOnlyList<Difference> Compare(LedgerFigures figures)
    {
        var differences = new List<Difference>();
        differences.AddRange(CounterChecks.Lifetime(figures));
        differences.AddRange(CounterChecks.Rollups(figures));
        if (figures.Credits is { } credits) differences.AddRange(CreditCheck.Compare(figures.Subject, credits));
        if (figures.Lago is { } lago) differences.AddRange(OutboxCheck.Compare(figures.Subject, lago));
        return differences;
    }
}
