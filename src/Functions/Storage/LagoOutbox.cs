using Azure;
using Azure.Data.Tables;
using Billing.Domain.Lago;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// A subject's Lago outbox (<see cref="OutboxRow"/>) and what became of it (<see cref="LagoRecordRow"/>): read with
/// range queries in the subject's partition, settled in one transaction per subject that deletes the confirmed rows
/// with If-Match and records their outcomes, so an event leaves the outbox exactly when its outcome is recorded.
/// </summary>
public sealed class LagoOutbox(BillingTables tables)
{
    /// <summary>The subject's outbox rows, oldest first.</summary>
    public async Task<IReadOnlyList<PendingRow>> ReadAsync(SubjectId subject, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var rows = new List<PendingRow>();
        await foreach (var row in tables.Ledger.QueryAsync<TableEntity>(OutboxRow.Filter(SubjectRow.PartitionKey(subject)), cancellationToken: cancellationToken))
            rows.Add(new PendingRow(subject, row, OutboxRow.Read(row)));
        return rows;
    }

    /// <summary>
    /// Removes <paramref name="rows"/> (all of their events have an outcome) and records the outcomes, in one transaction.
    /// False when a row changed or went since it was read (another instance settled it): nothing is written then.
    /// </summary>
    public async Task<bool> SettleAsync(SubjectId subject, IReadOnlyList<PendingRow> rows, IReadOnlyList<LagoEventOutcome> outcomes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // 99 rows of up to 95 events each and one record: far more than one batch of 100 events ever settles.
        if (rows.Count >= SubjectTransaction.MaxOperations) throw new ArgumentException("Too many outbox rows for one transaction.", nameof(rows));
        var actions = rows.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r.Row, r.Row.ETag)).ToList();
        actions.Add(new TableTransactionAction(TableTransactionActionType.Add, LagoRecordRow.Create(subject, outcomes, now)));
        try
        {
            await tables.Ledger.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// The cost of the subject's billable events that Lago had not counted at <paramref name="since"/>: those still in
    /// the outbox plus those Lago confirmed at or after it. Two range queries in the subject's partition.
    /// </summary>
    public async Task<long> UncountedNanosAsync(SubjectId subject, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var partition = SubjectRow.PartitionKey(subject);
        long total = 0;
        await foreach (var row in tables.Ledger.QueryAsync<TableEntity>(OutboxRow.Filter(partition), select: ["CostNanos"], cancellationToken: cancellationToken))
            total = checked(total + (row.GetInt64("CostNanos") ?? 0));
        await foreach (var row in tables.Ledger.QueryAsync<TableEntity>(LagoRecordRow.Filter(partition, since), select: ["InLagoNanos"], cancellationToken: cancellationToken))
            total = checked(total + LagoRecordRow.InLagoNanos(row));
        return total;
    }
}

/// <summary>One outbox row as read, with its ETag and its events.</summary>
public sealed record PendingRow(SubjectId Subject, TableEntity Row, IReadOnlyList<OutboxEvent> Events);
