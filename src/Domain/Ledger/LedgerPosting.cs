namespace Billing.Domain.Ledger;

/// <summary>
/// What a change to one subject amounts to: its new ledger (the state row) and the other rows to write with it.
/// All of it is stored in one transaction, or none of it.
/// </summary>
public sealed record LedgerPosting(SubjectLedger Ledger, IReadOnlyList<PostingEntry> Entries)
{
    public IEnumerable<T> Of<T>() where T : PostingEntry => Entries.OfType<T>();
}
