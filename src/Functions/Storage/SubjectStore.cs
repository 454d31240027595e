using Azure.Data.Tables;
using Billing.Domain.Accounts;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>Point reads of a subject's state row, and account writes that merge only the account columns.</summary>
public sealed class SubjectStore(BillingTables tables)
{
    public async Task<SubjectSnapshot> ReadAsync(SubjectId subject, CancellationToken cancellationToken)
    {
        var response = await tables.Ledger.GetEntityIfExistsAsync<TableEntity>(
            SubjectRow.PartitionKey(subject), SubjectRow.RowKey, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } row) return new SubjectSnapshot(subject, null, null);
        var ledger = row.ContainsKey("LifeRequests") ? SubjectRow.ReadLedger(row) : null;
        return new SubjectSnapshot(subject, SubjectRow.ReadAccount(subject, row), ledger);
    }

    public Task<SubjectSnapshot[]> ReadManyAsync(IReadOnlyList<SubjectId> subjects, CancellationToken cancellationToken) =>
        subjects.Count == 1
            ? ReadOneAsArrayAsync(subjects[0], cancellationToken)
            : Task.WhenAll(subjects.Select(s => ReadAsync(s, cancellationToken)));

    /// <summary>Creates or replaces the account; concurrent ingest updates of the ledger columns are untouched.</summary>
    public async Task SaveAccountAsync(Account account, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        await tables.Ledger.UpsertEntityAsync(SubjectRow.AccountColumns(account), TableUpdateMode.Merge, cancellationToken);
    }

    private async Task<SubjectSnapshot[]> ReadOneAsArrayAsync(SubjectId subject, CancellationToken cancellationToken) =>
        [await ReadAsync(subject, cancellationToken)];
}
