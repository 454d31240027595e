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
/// transaction of the applied-event insert and the If-Match update of the state (412 reloads and retries, 409 on
/// the insert means already applied). Same rows and domain code as the app, no batching. Each subject belongs to
/// one of the parallel writers, so the naive writer never conflicts with itself: what it shows is the cost of one
/// transaction per event-subject, not of contention (Azurite stalls for minutes on bursts of rejected transactions).
/// </summary>
public static class NaiveLedger
{
    public sealed record Result(IReadOnlyList<(SubjectId Subject, UsageEvent Event)> Applied, double Seconds);

    /// <summary>Applies event-subjects with <paramref name="writers"/> writers until <paramref name="window"/> ends or they run out.</summary>
    public static async Task<Result> RunAsync(TableClient table, IReadOnlyList<UsageEvent> events, int writers, TimeSpan window, CancellationToken cancellationToken)
    {
        var work = Enumerable.Range(0, writers).Select(_ => new List<(SubjectId, UsageEvent)>()).ToArray();
        foreach (var usage in events)
        foreach (var subject in usage.Subjects)
            work[(subject.GetHashCode() & int.MaxValue) % writers].Add((subject, usage));

        var clock = Stopwatch.StartNew();
        var applied = await Task.WhenAll(work.Select(async pairs =>
        {
            var done = new List<(SubjectId, UsageEvent)>();
            foreach (var (subject, usage) in pairs)
            {
                if (clock.Elapsed >= window) break;
                await ApplyAsync(table, subject, usage, cancellationToken);
                done.Add((subject, usage));
            }
            return done;
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
            var ledger = row is not null ? SubjectRow.Read(subject, row).Ledger ?? SubjectLedger.Empty : SubjectLedger.Empty;
            var columns = SubjectRow.LedgerColumns(subject, ledger.Apply(subject, null, [usage]).Ledger);
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
                // The state row changed since the read: reload and retry.
            }
        }
    }
}
