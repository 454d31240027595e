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
    /// Removes <paramref name="rows"/> (every one of their events has an outcome in <paramref name="outcomes"/>) and
    /// records the outcomes: one transaction per 99 rows, each with the record of its own rows' events. Rows that
    /// changed or went since they were read (another instance settled them) are left to it: that chunk writes nothing.
    /// </summary>
    public async Task SettleAsync(SubjectId subject, IReadOnlyList<PendingRow> rows, IReadOnlyDictionary<OutboxEvent, LagoEventOutcome> outcomes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(SubjectTransaction.MaxOperations - 1))
        {
            var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r.Row, r.Row.ETag)).ToList();
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add,
                LagoRecordRow.Create(subject, chunk.SelectMany(r => r.Events).Select(e => outcomes[e]).ToList(), now)));
            try
            {
                await tables.Ledger.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
            {
            }
        }
    }

    /// <summary>How many events wait in the subject's outbox: one range query of the <c>Count</c> column.</summary>
    public async Task<int> CountAsync(SubjectId subject, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var count = 0;
        await foreach (var row in tables.Ledger.QueryAsync<TableEntity>(OutboxRow.Filter(SubjectRow.PartitionKey(subject)), select: ["Count"], cancellationToken: cancellationToken))
            count += row.GetInt32("Count") ?? 0;
        return count;
    }

    /// <summary>
    /// The cost of the subject's billable events that Lago had not counted at <paramref name="since"/>: those still in
    /// the outbox plus those Lago confirmed at or after it. Two range queries in the subject's partition; an event a
    /// push settles between them is seen in both and counted once (by its id).
    /// </summary>
    public async Task<long> UncountedNanosAsync(SubjectId subject, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var partition = SubjectRow.PartitionKey(subject);
        var uncounted = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in tables.Ledger.QueryAsync<TableEntity>(OutboxRow.Filter(partition), cancellationToken: cancellationToken))
        {
            foreach (var e in OutboxRow.Read(row)) uncounted[e.EventId.Value] = e.CostNanos;
        }
        await foreach (var row in tables.Ledger.QueryAsync<TableEntity>(LagoRecordRow.Filter(partition, since), cancellationToken: cancellationToken))
        {
            foreach (var outcome in LagoRecordRow.Read(row))
            {
                if (LagoOutcomes.TryParse(outcome.Outcome, out var parsed) && parsed.InLago()) uncounted[outcome.Id] = outcome.Cost;
            }
        }
        return uncounted.Values.Aggregate(0L, (total, cost) => checked(total + cost));
    }
}

/// <summary>One outbox row as read, with its ETag and its events.</summary>
public sealed record PendingRow(SubjectId Subject, TableEntity Row, IReadOnlyList<OutboxEvent> Events);
