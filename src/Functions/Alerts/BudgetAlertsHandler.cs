using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Alerts;
using Billing.Domain.Budgets;
using Billing.Domain.Money;
using Billing.Domain.Subjects;
using Billing.Functions.Json;
using Billing.Functions.Storage;
using Billing.Functions.Timers;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Alerts;

/// <summary>
/// The <c>BudgetAlerts</c> timer: one email per alert marker (subject, window, span, threshold). It reads only due jobs
/// (<see cref="DueIndex"/>), claims each marker with If-Match so two instances never both send, sends, and marks it
/// sent. A failed send leaves the marker pending with a job at the next backoff; a run on demand sends those too.
/// A crash after the server accepted the email and before it is marked sent resends it once the claim expires,
/// with the same Message-ID, so receivers can recognise the duplicate; that one case is at-least-once by design,
/// because the alternative would lose alerts.
/// </summary>
public sealed class BudgetAlertsHandler(
    DueIndex due,
    BillingTables tables,
    SubjectStore store,
    IAlertEmailSender sender,
    IOptions<SmtpOptions> smtp,
    IOptions<BudgetAlertsOptions> options,
    Dashboard.DashboardLinks links,
    TimeProvider time,
    Telemetry.BillingMetrics metrics,
    ILogger<BudgetAlertsHandler> logger) : ITimerJob
{
    public string Name => "BudgetAlerts";

    public string Schedule => options.Value.Schedule;

    public async Task<JsonElement> RunAsync(TimerRun run, CancellationToken cancellationToken)
    {
        var jobs = new List<TableEntity>();
        await foreach (var job in due.DueAsync(DueIndex.Alert, run.OnDemand ? null : run.Now, cancellationToken)) jobs.Add(job);
        var counts = new Dictionary<Outcome, int>();
        var configured = smtp.Value.IsConfigured;
        foreach (var job in jobs)
        {
            Outcome outcome;
            try
            {
                // Each job at the time it is handled: sends take a while, and a claim must run from when it is made.
                outcome = configured ? await ProcessAsync(job, Later(run.Now, time.GetUtcNow()), cancellationToken) : Outcome.Skipped;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One bad job does not hold up the others; it stays due and the next run tries it again.
                AlertsTimerLog.JobFailed(logger, e, job.GetString("Subject") ?? job.RowKey);
                outcome = Outcome.Skipped;
            }
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }
        if (!configured && jobs.Count > 0) AlertsTimerLog.EmailNotConfigured(logger, jobs.Count);
        metrics.AlertEmails("sent", counts.GetValueOrDefault(Outcome.Sent));
        metrics.AlertEmails("retrying", counts.GetValueOrDefault(Outcome.Retrying));
        var summary = new AlertsSummary(jobs.Count, counts.GetValueOrDefault(Outcome.Sent), counts.GetValueOrDefault(Outcome.Retrying),
            counts.GetValueOrDefault(Outcome.NoRecipients), counts.GetValueOrDefault(Outcome.Skipped), counts.GetValueOrDefault(Outcome.Orphan), configured);
        return JsonSerializer.SerializeToElement(summary, BillingJsonContext.Default.AlertsSummary);
    }

    private async Task<Outcome> ProcessAsync(TableEntity job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!SubjectId.TryParse(job.GetString("Subject"), out var subject) || job.GetString("Marker") is not { } markerKey)
        {
            await due.RemoveAsync(job, cancellationToken);
            return Outcome.Orphan;
        }
        var read = await tables.Ledger.GetEntityIfExistsAsync<TableEntity>(SubjectRow.PartitionKey(subject), markerKey, cancellationToken: cancellationToken);
        if (!read.HasValue || read.Value is not { } marker)
        {
            // Written ahead of a transaction that did not commit (yet): drop it once that can no longer happen.
            if (job.GetDateTimeOffset("Due") is { } written && written + options.Value.OrphanAfter > now) return Outcome.Skipped;
            await due.RemoveAsync(job, cancellationToken);
            return Outcome.Orphan;
        }
        var status = marker.GetString("Status");
        if (status is AlertRow.Sent or AlertRow.NoRecipients)
        {
            await due.RemoveAsync(job, cancellationToken);
            return Outcome.Skipped;
        }
        if (status == AlertRow.Sending && marker.GetDateTimeOffset("ClaimUntil") > now) return Outcome.Skipped;

        marker["Status"] = AlertRow.Sending;
        marker["ClaimUntil"] = now + options.Value.ClaimFor;
        ETag claimed;
        try
        {
            claimed = (await tables.Ledger.UpdateEntityAsync(marker, marker.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag!.Value;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return Outcome.Skipped;
        }

        var crossing = AlertRow.Read(marker);
        var owners = (await store.ReadAsync(subject, cancellationToken)).Account?.Owners ?? [];
        if (owners.Count == 0)
        {
            await FinishAsync(marker, claimed, AlertRow.NoRecipients, now, cancellationToken);
            await due.RemoveAsync(job, cancellationToken);
            AlertsTimerLog.NoRecipients(logger, subject.ToString(), crossing.Window);
            return Outcome.NoRecipients;
        }
        try
        {
            await sender.SendAsync([Email(crossing, owners, markerKey, now)], cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var attempts = (marker.GetInt32("Attempts") ?? 0) + 1;
            var retryAt = now + Backoff(attempts);
            marker["Status"] = AlertRow.Pending;
            marker["Attempts"] = attempts;
            marker["NextAttemptAt"] = retryAt;
            marker["LastError"] = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            marker.Remove("ClaimUntil");
            await tables.Ledger.UpdateEntityAsync(marker, claimed, TableUpdateMode.Replace, cancellationToken);
            if (DueIndex.Partition(DueIndex.Alert, retryAt) != job.PartitionKey)
            {
                await due.PutAsync(DueIndex.Alert, retryAt, job.RowKey, PostingRows.AlertJob(subject, markerKey), cancellationToken);
                await due.RemoveAsync(job, cancellationToken);
            }
            AlertsTimerLog.SendFailed(logger, e, subject.ToString(), crossing.Window, attempts, retryAt);
            return Outcome.Retrying;
        }
        marker["Recipients"] = string.Join('\n', owners);
        await FinishAsync(marker, claimed, AlertRow.Sent, now, cancellationToken);
        await due.RemoveAsync(job, cancellationToken);
        return Outcome.Sent;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private async Task FinishAsync(TableEntity marker, ETag claimed, string status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        marker["Status"] = status;
        marker["SentAt"] = now;
        marker.Remove("ClaimUntil");
        await tables.Ledger.UpdateEntityAsync(marker, claimed, TableUpdateMode.Replace, cancellationToken);
    }

    private TimeSpan Backoff(int attempts) => Timers.Backoff.After(attempts, options.Value.Backoff, options.Value.MaxBackoff);

    private AlertEmail Email(AlertCrossing crossing, IReadOnlyList<string> owners, string markerKey, DateTimeOffset now) => new()
    {
        To = owners,
        Subject = crossing.Subject.ToString(),
        WindowName = crossing.Window,
        Period = crossing.Period,
        Metric = BudgetNames.Name(crossing.Metric),
        Mode = BudgetNames.Name(crossing.Mode),
        Threshold = crossing.ThresholdLabel,
        Used = crossing.Used,
        Limit = crossing.Limit,
        PeriodStart = crossing.SpanStart,
        PeriodEnd = crossing.PeriodEnd,
        TimeZone = crossing.TimeZone,
        TopModels = crossing.TopModels.Select(m => new ModelSpend(m.Model, MoneyUnits.FromNanos(m.Counters.SpentNanos), m.Counters.Requests)).ToList(),
        MessageId = MessageId(crossing.Subject, markerKey),
        DetailsUrl = PageLink(crossing.Subject, now),
    };

    /// <summary>
    /// The owners' page, signed for <c>Dashboard:LinkLifetime</c> from now: <c>&lt;PageUrl&gt;/accounts/&lt;subject&gt;?exp=…&amp;sig=…</c>.
    /// None without <c>PageUrl</c> or without a signing key (an unsigned link would only open a 403 page).
    /// </summary>
    private string? PageLink(SubjectId subject, DateTimeOffset now) =>
        string.IsNullOrEmpty(options.Value.PageUrl) || !links.Enabled ? null : links.Create(options.Value.PageUrl, subject, now + links.Lifetime).Url;

    /// <summary>Stable per marker, so a resend is the same email to the receiver.</summary>
    private static string MessageId(SubjectId subject, string markerKey) =>
        "alert-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(subject + "\n" + markerKey)).AsSpan(0, 16));

    private enum Outcome
    {
        Sent,
        Retrying,
        NoRecipients,
        Skipped,
        Orphan,
    }
}
