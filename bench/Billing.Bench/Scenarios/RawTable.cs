using Azure.Data.Tables;
using Billing.Bench.Infrastructure;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;
using Billing.Functions.Storage;

namespace Billing.Bench.Scenarios;

/// <summary>
/// Load loops straight to Azurite with the SDK and the app's own row shapes, no app in between: the baselines.
/// Each loop owns its partition, so nothing conflicts.
/// </summary>
public static class RawTable
{
    public const int EventsPerTransaction = LedgerWriter.MaxEventsPerTransaction;

    /// <summary>If-Match merge of a subject's state row, one row per loop.</summary>
    public static async Task<LoadOperation> UpdateLoopAsync(TableClient table, int loop)
    {
        var subject = new SubjectId(SubjectKind.Key, $"raw-update-{Guid.NewGuid():N}-{loop}");
        var entity = SubjectRow.LedgerColumns(subject, SubjectLedger.Empty.Apply(subject, null, [Event(subject, "seed", 0)]).Ledger);
        var etag = (await table.UpsertEntityAsync(entity, TableUpdateMode.Replace)).Headers.ETag!.Value;
        return async cancellationToken =>
        {
            var response = await table.UpdateEntityAsync(entity, etag, TableUpdateMode.Merge, cancellationToken);
            etag = response.Headers.ETag!.Value;
            return true;
        };
    }

    /// <summary>One transaction of 99 applied-event inserts plus the If-Match update of the state row, as the ledger writes.</summary>
    public static async Task<LoadOperation> TransactionLoopAsync(TableClient table, int loop)
    {
        var subject = new SubjectId(SubjectKind.Key, $"raw-txn-{Guid.NewGuid():N}-{loop}");
        var ledger = SubjectLedger.Empty;
        var etag = (await table.UpsertEntityAsync(SubjectRow.LedgerColumns(subject, ledger), TableUpdateMode.Replace)).Headers.ETag!.Value;
        var next = 0;
        return async cancellationToken =>
        {
            var events = new UsageEvent[EventsPerTransaction];
            for (var i = 0; i < events.Length; i++) events[i] = Event(subject, $"raw-{loop}", next++);
            ledger = ledger.Apply(subject, null, events).Ledger;
            var actions = new List<TableTransactionAction>(EventsPerTransaction + 1);
            actions.AddRange(events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, UsageRow.Create(subject, e))));
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, SubjectRow.LedgerColumns(subject, ledger), etag));
            var response = await table.SubmitTransactionAsync(actions, cancellationToken);
            etag = response.Value[^1].Headers.ETag!.Value;
            return true;
        };
    }

    /// <summary>Point reads of state rows, cycling through <paramref name="subjects"/> (each entry read in parallel, as the check does).</summary>
    public static Task<LoadOperation> ReadLoopAsync(TableClient table, IReadOnlyList<SubjectId[]> subjects, int loop)
    {
        var next = loop;
        LoadOperation operation = async cancellationToken =>
        {
            var set = subjects[next++ % subjects.Count];
            if (set.Length == 1) return (await ReadAsync(table, set[0], cancellationToken)).HasValue;
            var reads = await Task.WhenAll(set.Select(s => ReadAsync(table, s, cancellationToken)));
            return reads.All(r => r.HasValue);
        };
        return Task.FromResult(operation);
    }

    public static UsageEvent Event(SubjectId subject, string prefix, int n) => new(
        new UsageEventId($"{prefix}-{n}"), UsageStatus.Success, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "gpt-4o", "openai",
        new TokenCounts(845, 212, 0, 0), 0.00025395m, false, [subject]);

    private static Task<Azure.NullableResponse<TableEntity>> ReadAsync(TableClient table, SubjectId subject, CancellationToken cancellationToken) =>
        table.GetEntityIfExistsAsync<TableEntity>(SubjectRow.PartitionKey(subject), SubjectRow.RowKey, cancellationToken: cancellationToken);
}
