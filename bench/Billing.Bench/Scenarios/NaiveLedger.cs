using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;
using Billing.Functions.Storage;

namespace Billing.Bench.Scenarios;

/// <summary>
/// The naive exactly-once writer the ledger is compared with: per event and subject, read the state row, then one
/// transaction of the applied-event insert and the If-Match update of the state; 412 reloads and retries, 409 on
/// the insert means already applied. Same rows and domain code as the app, no batching.
/// </summary>
public static class NaiveLedger
{
    public sealed record Result(IReadOnlyList<UsageEvent> Applied, double Seconds);

    /// <summary>Applies events with <paramref name="writers"/> parallel writers until <paramref name="window"/> ends or the events run out.</summary>
    public static async Task<Result> RunAsync(TableClient table, IReadOnlyList<UsageEvent> events, int writers, TimeSpan window, CancellationToken cancellationToken)
    {
        var next = -1;
        var applied = new List<UsageEvent>[writers];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            applied[w] = [];
            int i;
            while (clock.Elapsed < window && (i = Interlocked.Increment(ref next)) < events.Count)
            {
                foreach (var subject in events[i].Subjects) await ApplyAsync(table, subject, events[i], cancellationToken);
                applied[w].Add(events[i]);
            }
        }));
        return new Result(applied.SelectMany(a => a).ToList(), clock.Elapsed.TotalSeconds);
    }

    private static async Task ApplyAsync(TableClient table, SubjectId subject, UsageEvent usage, CancellationToken cancellationToken)
    {
        var partition = SubjectRow.PartitionKey(subject);
        while (true)
        {
            var state = await table.GetEntityIfExistsAsync<TableEntity>(partition, SubjectRow.RowKey, cancellationToken: cancellationToken);
            var row = state.HasValue ? state.Value : null;
            var ledger = row is not null ? SubjectRow.ReadLedger(row) : SubjectLedger.Empty;
            var columns = SubjectRow.LedgerColumns(subject, ledger.Apply([usage]).Ledger);
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.Add, UsageRow.Create(subject, usage)),
                row is null ? new(TableTransactionActionType.Add, columns) : new(TableTransactionActionType.UpdateMerge, columns, row.ETag),
            ];
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == 0)
            {
                return; // Already applied.
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another writer created or updated the state row first: reload and retry.
            }
        }
    }
}
