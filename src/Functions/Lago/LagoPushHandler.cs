using System.Text.Json;
using Azure.Data.Tables;
using Billing.Domain.Lago;
using Billing.Domain.Subjects;
using Billing.Functions.Json;
using Billing.Functions.Storage;
using Billing.Functions.Timers;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Lago;

/// <summary>
/// The <c>LagoPush</c> timer: drains the Lago outbox with <c>POST /api/v1/events/batch</c>, at most 100 events a request.
/// It reads only the subjects that have outbox rows (their push jobs, <see cref="DueIndex.LagoPush"/>), never scans the
/// ledger. One instance pushes at a time (a lease); a 429 makes every instance wait for Lago's <c>Retry-After</c>, and
/// failures back off exponentially. An event leaves the outbox only when Lago confirmed it (or refused it, then it is
/// parked for operators); after a crash the same events go again with the same transaction id and timestamp, which
/// Lago recognises, so nothing is counted twice.
/// </summary>
public sealed class LagoPushHandler(
    DueIndex due,
    LagoOutbox outbox,
    LagoSyncStore sync,
    LagoBatchSender sender,
    IOptions<LagoOptions> lago,
    IOptions<LagoPushOptions> options,
    TimeProvider time,
    Telemetry.BillingMetrics metrics,
    ILogger<LagoPushHandler> logger) : ITimerJob
{
    public const int MaxBatch = 100;
    private const string LeaseName = "push";

    public string Name => "LagoPush";

    public string Schedule => options.Value.Schedule;

    public async Task<JsonElement> RunAsync(TimerRun run, CancellationToken cancellationToken)
    {
        var summary = await PushAsync(cancellationToken);
        metrics.LagoEvents(LagoOutcomes.Name(LagoOutcome.Pushed), summary.Pushed);
        metrics.LagoEvents(LagoOutcomes.Name(LagoOutcome.AlreadyInLago), summary.AlreadyInLago);
        metrics.LagoEvents(LagoOutcomes.Name(LagoOutcome.Parked), summary.Parked);
        if (summary.Configured && summary.Pushed + summary.AlreadyInLago + summary.Parked + summary.Pending > 0)
            LagoLog.Pushed(logger, summary.Pushed, summary.AlreadyInLago, summary.Parked, summary.Pending);
        return JsonSerializer.SerializeToElement(summary, BillingJsonContext.Default.LagoPushSummary);
    }

    private async Task<LagoPushSummary> PushAsync(CancellationToken cancellationToken)
    {
        if (!lago.Value.IsConfigured) return new LagoPushSummary(0, 0, 0, 0) { Configured = false };
        var now = time.GetUtcNow();
        var jobs = await JobsAsync(cancellationToken);
        var lease = await sync.TryLeaseAsync(LeaseName, now, now + options.Value.LeaseFor, cancellationToken);
        if (lease is null)
            return new LagoPushSummary(0, 0, 0, await CountPendingAsync(jobs.Keys, cancellationToken)) { Stopped = "another instance is pushing" };
        var run = new PushRun();
        try
        {
            if (lease.NotBefore is { } notBefore && notBefore > now)
                return new LagoPushSummary(0, 0, 0, await CountPendingAsync(jobs.Keys, cancellationToken)) { NextAttemptAt = notBefore, Stopped = "waiting for Lago" };
            try
            {
                await DrainAsync(jobs, run, now + options.Value.LeaseFor / 2, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever failed (storage, a row that does not read), the next run backs off instead of hammering.
                var attempts = lease.Attempts + 1;
                lease.Failed(time.GetUtcNow() + Backoff(attempts), attempts, $"{e.GetType().Name}: {e.Message}");
                throw;
            }
            if (run.Stop is { } stop)
            {
                var attempts = stop.RetryAfter is null ? lease.Attempts + 1 : lease.Attempts;
                var next = time.GetUtcNow() + (stop.RetryAfter ?? Backoff(attempts));
                lease.Failed(next, attempts, stop.Reason);
                LagoLog.PushStopped(logger, stop.Reason, next);
                return run.Summary() with { NextAttemptAt = next, Stopped = stop.Reason };
            }
            lease.Succeeded();
            return run.Summary();
        }
        finally
        {
            await sync.ReleaseAsync(lease, CancellationToken.None);
        }
    }

    /// <summary>The push jobs by subject; a job whose subject does not parse is dropped.</summary>
    private async Task<Dictionary<SubjectId, List<TableEntity>>> JobsAsync(CancellationToken cancellationToken)
    {
        var jobs = new Dictionary<SubjectId, List<TableEntity>>();
        await foreach (var job in due.DueAsync(DueIndex.LagoPush, null, cancellationToken))
        {
            if (!SubjectId.TryParse(job.GetString("Subject"), out var subject))
            {
                await due.RemoveAsync(job, cancellationToken);
                continue;
            }
            if (!jobs.TryGetValue(subject, out var list)) jobs[subject] = list = [];
            list.Add(job);
        }
        return jobs;
    }

    /// <summary>
    /// Reads each subject's outbox and sends it in batches of whole rows (a row holds at most 95 events). Once Lago
    /// stops the run, the batch cap is reached or half the lease has passed (a later run takes over), the rest is only
    /// counted: its <c>Count</c> column, not its events.
    /// </summary>
    private async Task DrainAsync(Dictionary<SubjectId, List<TableEntity>> jobs, PushRun run, DateTimeOffset sendUntil, CancellationToken cancellationToken)
    {
        var batch = new List<PendingRow>();
        foreach (var (subject, subjectJobs) in jobs)
        {
            if (!CanSend(run, sendUntil))
            {
                run.Pending += await outbox.CountAsync(subject, cancellationToken);
                continue;
            }
            var rows = await outbox.ReadAsync(subject, cancellationToken);
            if (rows.Count == 0)
            {
                await RemoveJobsAsync(subjectJobs, cancellationToken);
                continue;
            }
            foreach (var row in rows)
            {
                if (CanSend(run, sendUntil) && batch.Sum(r => r.Events.Count) + row.Events.Count > MaxBatch) await FlushAsync(batch, run, cancellationToken);
                if (CanSend(run, sendUntil)) batch.Add(row);
                else run.Pending += row.Events.Count;
            }
        }
        if (batch.Count > 0) await FlushAsync(batch, run, cancellationToken);
    }

    private bool CanSend(PushRun run, DateTimeOffset sendUntil) =>
        run.Stop is null && run.Batches < options.Value.MaxBatchesPerRun && time.GetUtcNow() < sendUntil;

    /// <summary>Sends the batch and settles its rows subject by subject; when Lago stops it, its events stay pending.</summary>
    private async Task FlushAsync(List<PendingRow> batch, PushRun run, CancellationToken cancellationToken)
    {
        run.Batches++;
        var result = await sender.SendAsync(batch.SelectMany(r => r.Events).ToList(), lago.Value.EventCode, cancellationToken);
        if (result.Stop is { } stop)
        {
            run.Stop = stop;
            run.Pending += batch.Sum(r => r.Events.Count);
            batch.Clear();
            return;
        }
        var byEvent = result.Outcomes.GroupBy(o => o.Event).ToDictionary(g => g.Key, g => g.First());
        var now = time.GetUtcNow();
        foreach (var subjectRows in batch.GroupBy(r => r.Subject))
        {
            var outcomes = subjectRows.SelectMany(r => r.Events).Select(e => byEvent[e]).ToList();
            foreach (var parked in outcomes.Where(o => o.Outcome == LagoOutcome.Parked))
            {
                await sync.ParkAsync(subjectRows.Key, parked.Event, parked.Reason ?? "refused", now, cancellationToken);
                LagoLog.Parked(logger, parked.Event.EventId.Value, subjectRows.Key.ToString(), parked.Reason ?? "refused");
            }
            // Rows another instance settled meanwhile (its lease ran out) are left to it; Lago holds the events once either way.
            await outbox.SettleAsync(subjectRows.Key, subjectRows.ToList(), byEvent, now, cancellationToken);
            run.Count(outcomes);
        }
        batch.Clear();
    }

    /// <summary>Removes a subject's jobs once they are old enough that no transaction that skipped writing one can still commit.</summary>
    private async Task RemoveJobsAsync(List<TableEntity> jobs, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var job in jobs)
        {
            if (job.GetDateTimeOffset("Written") is { } written && written + options.Value.OrphanAfter > now) continue;
            await due.RemoveIfUnchangedAsync(job, cancellationToken);
        }
    }

    private async Task<int> CountPendingAsync(IEnumerable<SubjectId> subjects, CancellationToken cancellationToken)
    {
        var pending = 0;
        foreach (var subject in subjects) pending += await outbox.CountAsync(subject, cancellationToken);
        return pending;
    }

    private TimeSpan Backoff(int attempts) => Timers.Backoff.After(attempts, options.Value.Backoff, options.Value.MaxBackoff);

    private sealed class PushRun
    {
        public int Pushed;
        public int AlreadyInLago;
        public int Parked;
        public int Pending;
        public int Batches;
        public LagoStop? Stop;

        public void Count(IEnumerable<LagoEventOutcome> outcomes)
        {
            foreach (var outcome in outcomes)
            {
                switch (outcome.Outcome)
                {
                    case LagoOutcome.Pushed: Pushed++; break;
                    case LagoOutcome.AlreadyInLago: AlreadyInLago++; break;
                    default: Parked++; break;
                }
            }
        }

        public LagoPushSummary Summary() => new(Pushed, AlreadyInLago, Parked, Pending);
    }
}
