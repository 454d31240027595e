using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Credits;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;
using Billing.Functions.Json;
using Billing.Functions.Storage;
using Billing.Functions.Timers;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Budgets;

/// <summary>
/// The <c>BudgetRollover</c> timer: for each account whose rollover job is due (<see cref="DueIndex"/>, one range
/// query), closes finished periods: writes each window's period statement, moves the finished span aside so the new
/// period starts with its thresholds re-armed, records the expiry of prepaid grants whose time has come, then schedules
/// the account's next due time. One transaction per
/// account with If-Match on its state row, so a late, doubled or concurrent run changes nothing twice; the due jobs
/// move in transactions per due minute once all accounts are done (a failed account keeps its job for the next run). The check never
/// depends on it: periods start at zero by the clock alone.
/// </summary>
public sealed class BudgetRolloverHandler(
    DueIndex due,
    SubjectStore store,
    BillingTables tables,
    PostingRows rows,
    SubjectStateCache cache,
    IOptions<BudgetRolloverOptions> options,
    ILogger<BudgetRolloverHandler> logger) : ITimerJob
{
    private const int MaxAttempts = 20;

    public string Name => "BudgetRollover";


    public string Schedule => options.Value.Schedule;

    public async Task<JsonElement> RunAsync(TimerRun run, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var jobs = new List<TableEntity>();
        await foreach (var job in due.DueAsync(DueIndex.Rollover, run.Now, cancellationToken)) jobs.Add(job);
        int accounts = 0, statements = 0, failed = 0;
        var moves = new System.Collections.Concurrent.ConcurrentBag<DueMove>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(jobs, parallel, async (job, token) =>
        {
            try
            {
                var (written, move) = await ProcessAsync(job, run.Now, token);
                Interlocked.Increment(ref accounts);
                Interlocked.Add(ref statements, written);
                moves.Add(move);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The job stays due; the next run retries it.
                Interlocked.Increment(ref failed);
                BudgetLog.RolloverFailed(logger, e, job.GetString("Subject") ?? job.RowKey);
            }
        });
        // The accounts' next jobs, put before the done ones are removed, in transactions per due minute.
        await due.MoveAsync([.. moves], cancellationToken);
        var rescheduled = moves.Count(m => m.Next is { } next && DueIndex.Partition(DueIndex.Rollover, next) != m.Job.PartitionKey);
        var summary = new RolloverSummary(jobs.Count, accounts, statements, rescheduled, failed, Math.Round(clock.Elapsed.TotalSeconds, 3));
        return JsonSerializer.SerializeToElement(summary, BillingJsonContext.Default.RolloverSummary);
    }

    private async Task<(int Statements, DueMove Move)> ProcessAsync(TableEntity job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var done = new DueMove(DueIndex.Rollover, job, null, new Dictionary<string, object>());
        if (!SubjectId.TryParse(job.GetString("Subject"), out var subject)) return (0, done);
        var grace = options.Value.Grace;
        var conflicted = false;
        CreditChange expiry;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var state = await store.ReadAsync(subject, cancellationToken);
            if (state.Account is not { } account) return (0, done);
            var ledger = state.Ledger ?? SubjectLedger.Empty;
            var posting = ledger.Close(subject, account, now, grace);
            var ledgerChanged = state.Ledger is not null && (posting.Entries.Count > 0 || !posting.Ledger.Equals(ledger));
            expiry = state.Book.ExpireDue(now);
            if (ledgerChanged || !expiry.IsEmpty)
            {
                var columns = ledgerChanged ? SubjectRow.LedgerColumns(subject, posting.Ledger) : new TableEntity(SubjectRow.PartitionKey(subject), SubjectRow.RowKey);
                IReadOnlyList<PostingEntry> entries = ledgerChanged ? posting.Entries : [];
                if (!expiry.IsEmpty)
                {
                    columns[CreditColumns.Column] = CreditColumns.Write(expiry.Book);
                    entries = [.. entries, .. expiry.Entries.Select(e => new CreditRecorded(e))];
                }
                try
                {
                    var transaction = await SubjectTransaction.PlanAsync(rows, subject, state.ETag, columns, entries, conflicted, cancellationToken);
                    await transaction.SubmitAsync(tables, rows, cancellationToken);
                    cache.Invalidate(subject);
                }
                catch (RequestFailedException e) when (e.Status is 412 or 409)
                {
                    conflicted = true;
                    continue;
                }
            }
            var next = DueIndex.Earliest(posting.Ledger.NextDue(subject, account, now, grace), expiry.Book.NextExpiry);
            return (posting.Of<PeriodClosed>().Count(), done with { Next = next, Values = AccountStore.RolloverJob(subject) });
        }
        throw new LedgerContentionException(subject, MaxAttempts);
    }
}
