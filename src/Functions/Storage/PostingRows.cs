using Azure.Data.Tables;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// Turns a posting's entries into the rows of its transaction, whatever the entries are: applied markers, roll-ups,
/// alert markers, statements. A late event's roll-up reads the row it adds to (and updates it with If-Match); an
/// alert marker first gets its job in the <see cref="DueIndex"/> (write-ahead: the alert timer finds every marker
/// that commits, and drops jobs whose marker never did).
/// </summary>
public sealed class PostingRows(BillingTables tables, DueIndex due, TimeProvider time)
{
    /// <summary>
    /// The rows of <paramref name="entries"/>. With <paramref name="skipRecorded"/> (a retry after a 409), alert markers
    /// and statements whose row exists already are left out.
    /// </summary>
    public async Task<List<TableTransactionAction>> ActionsAsync(SubjectId subject, IReadOnlyList<PostingEntry> entries, bool skipRecorded, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>(entries.Count + 1);
        foreach (var entry in entries)
        {
            var action = entry switch
            {
                UsageApplied applied => Add(UsageRow.Create(subject, applied.Event)),
                HourRolledUp { FirstWrite: true } hour => Add(RollupRow.Create(subject, hour.Bucket)),
                HourRolledUp late => await LateHourAsync(subject, late.Bucket, cancellationToken),
                AlertCrossed alert => await OnceAsync(AlertRow.Create(alert.Crossing), skipRecorded, cancellationToken),
                PeriodClosed closed => await OnceAsync(StatementRow.Create(closed.Statement), skipRecorded, cancellationToken),
                CreditRecorded credit => Add(CreditEntryRow.Create(subject, credit.Entry)),
                OutboxRecorded outbox => Add(OutboxRow.Create(subject, outbox.Events, time.GetUtcNow())),
                _ => throw new InvalidOperationException($"No row for posting entry {entry.GetType().Name}."),
            };
            if (action is not null) actions.Add(action);
        }
        return actions;
    }

    /// <summary>
    /// Alert markers and statements are records of something that happened once: one that exists already (a window
    /// removed and added again in the same span) stays as it is, and the posting goes through without it. The state
    /// row's If-Match already makes each of them once, so the read is only paid on a retry after a 409.
    /// </summary>
    private async Task<TableTransactionAction?> OnceAsync(TableEntity row, bool skipRecorded, CancellationToken cancellationToken)
    {
        if (!skipRecorded) return Add(row);
        var existing = await tables.Ledger.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, ["RowKey"], cancellationToken);
        return existing.HasValue ? null : Add(row);
    }

    /// <summary>What must be durable before the transaction commits: a due job for each alert marker and for an outbox row.</summary>
    public async Task BeforeCommitAsync(SubjectId subject, IReadOnlyList<PostingEntry> entries, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var alert in entries.OfType<AlertCrossed>())
            await due.PutAsync(DueIndex.Alert, now, AlertJobKey(alert.Crossing.Subject, AlertRow.RowKey(alert.Crossing)), AlertJob(alert.Crossing.Subject, AlertRow.RowKey(alert.Crossing)), cancellationToken);
        if (entries.OfType<OutboxRecorded>().Any() && _outboxJobs.IsDue(subject, now))
        {
            await due.PutAsync(DueIndex.LagoPush, DueIndex.Always, SubjectRow.PartitionKey(subject), LagoPushJob(subject, now), cancellationToken);
            _outboxJobs.Written(subject, now);
        }
    }

    private readonly OutboxJobs _outboxJobs = new();

    public static IReadOnlyDictionary<string, object> LagoPushJob(SubjectId subject, DateTimeOffset written) =>
        new Dictionary<string, object> { ["Subject"] = subject.ToString(), ["Written"] = written };

    public static string AlertJobKey(SubjectId subject, string markerKey) => SubjectRow.PartitionKey(subject) + "|" + markerKey;

    public static IReadOnlyDictionary<string, object> AlertJob(SubjectId subject, string markerKey) =>
        new Dictionary<string, object> { ["Subject"] = subject.ToString(), ["Marker"] = markerKey };

    private async Task<TableTransactionAction> LateHourAsync(SubjectId subject, HourBucket late, CancellationToken cancellationToken)
    {
        var existing = await tables.Ledger.GetEntityIfExistsAsync<TableEntity>(SubjectRow.PartitionKey(subject), RollupRow.RowKey(late.Start), cancellationToken: cancellationToken);
        if (!existing.HasValue || existing.Value is not { } row) return Add(RollupRow.Create(subject, late));
        var total = late with { Usage = RollupRow.Read(row).Usage.Add(late.Usage) };
        return new TableTransactionAction(TableTransactionActionType.UpdateReplace, RollupRow.Create(subject, total), row.ETag);
    }

    private static TableTransactionAction Add(TableEntity row) => new(TableTransactionActionType.Add, row);
}
