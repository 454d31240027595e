using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
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
/// period starts with its thresholds re-armed, then schedules the account's next due time. One transaction per
/// account with If-Match on its state row, so a late, doubled or concurrent run changes nothing twice. The check never
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
        int accounts = 0, statements = 0, rescheduled = 0, failed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(jobs, parallel, async (job, token) =>
        {
            try
            {
                var (written, moved) = await ProcessAsync(job, run.Now, token);
                Interlocked.Increment(ref accounts);
                Interlocked.Add(ref statements, written);
                if (moved) Interlocked.Increment(ref rescheduled);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The job stays due; the next run retries it.
                Interlocked.Increment(ref failed);
                BudgetLog.RolloverFailed(logger, e, job.GetString("Subject") ?? job.RowKey);
            }
        });
        var summary = new RolloverSummary(jobs.Count, accounts, statements, rescheduled, failed, Math.Round(clock.Elapsed.TotalSeconds, 3));
        return JsonSerializer.SerializeToElement(summary, BillingJsonContext.Default.RolloverSummary);
    }

    private async Task<(int Statements, bool Rescheduled)> ProcessAsync(TableEntity job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!SubjectId.TryParse(job.GetString("Subject"), out var subject))
        {
            await due.RemoveAsync(job, cancellationToken);
            return (0, false);
        }
        var grace = options.Value.Grace;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var state = await store.ReadAsync(subject, cancellationToken);
            if (state.Account is not { } account)
            {
                await due.RemoveAsync(job, cancellationToken);
                return (0, false);
            }
            var ledger = state.Ledger ?? SubjectLedger.Empty;
            var posting = ledger.Close(subject, account, now, grace);
            if (state.Ledger is not null && (posting.Entries.Count > 0 || !posting.Ledger.Equals(ledger)))
            {
                try
                {
                    var transaction = await SubjectTransaction.PlanAsync(rows, subject, state.ETag, SubjectRow.LedgerColumns(subject, posting.Ledger), posting.Entries, cancellationToken);
                    await transaction.SubmitAsync(tables, rows, cancellationToken);
                    cache.Invalidate(subject);
                }
                catch (RequestFailedException e) when (e.Status is 412 or 409)
                {
                    continue;
                }
            }
            var rescheduled = await RescheduleAsync(job, subject, posting.Ledger.NextDue(subject, account, now, grace), cancellationToken);
            return (posting.Of<PeriodClosed>().Count(), rescheduled);
        }
        throw new LedgerContentionException(subject, MaxAttempts);
    }

    /// <summary>Puts the next job before removing this one, so a crash in between leaves a job, never none.</summary>
    private async Task<bool> RescheduleAsync(TableEntity job, SubjectId subject, DateTimeOffset? next, CancellationToken cancellationToken)
    {
        if (next is { } at && DueIndex.Partition(DueIndex.Rollover, at) == job.PartitionKey) return false;
        if (next is { } nextDue) await due.PutAsync(DueIndex.Rollover, nextDue, job.RowKey, AccountStore.RolloverJob(subject), cancellationToken);
        await due.RemoveAsync(job, cancellationToken);
        return next is not null;
    }
}
