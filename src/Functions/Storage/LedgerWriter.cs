using Azure;
using Azure.Data.Tables;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Functions.Storage;

/// <summary>
/// Applies usage to the ledger exactly once per (event, subject). Events are grouped by subject; each group goes in
/// entity-group transactions of up to 99 applied-event inserts plus the subject's state row, updated with If-Match.
/// 409 on an insert = already applied (dropped, then retried); 412 on the state = another writer won (reload, retry).
/// The service's limits (100 operations, 4 MB, one partition) are guarded here: Azurite does not enforce them all.
/// Within this process one writer at a time works on a subject (<see cref="SubjectGates"/>), so parallel consumers
/// queue up instead of rejecting each other's transactions, and the next transaction starts from the state this
/// process committed (<see cref="CommittedStates"/>) instead of reading it; 412 remains the guard between instances.
/// </summary>
public sealed class LedgerWriter(BillingTables tables, SubjectStateCache cache)
{
    private const int MaxRememberedStates = 100_000;
    private readonly SubjectGates _gates = new();
    private readonly CommittedStates _states = new(MaxRememberedStates);

    public const int MaxOperationsPerTransaction = 100;
    public const int MaxEventsPerTransaction = MaxOperationsPerTransaction - 1;
    public const long MaxTransactionBytes = 4L * 1024 * 1024;
    private const int MaxAttempts = 200;
    private const int MaxParallelSubjects = 16;

    public async Task<LedgerResult> ApplyAsync(IReadOnlyList<UsageEvent> events, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var applied = 0;
        var duplicates = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelSubjects, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(GroupBySubject(events), options, async (group, token) =>
        {
            foreach (var chunk in group.Value.Chunk(MaxEventsPerTransaction))
            {
                var result = await _gates.RunAsync(group.Key, () => ApplyToSubjectAsync(group.Key, chunk, token), token);
                Interlocked.Add(ref applied, result.Applied);
                Interlocked.Add(ref duplicates, result.Duplicates);
            }
        });
        return new LedgerResult(applied, duplicates);
    }

    private async Task<LedgerResult> ApplyToSubjectAsync(SubjectId subject, IReadOnlyList<UsageEvent> events, CancellationToken cancellationToken)
    {
        var pending = events.ToList();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (actions, committed) = await PlanAsync(subject, pending, cancellationToken);
            if (actions.Count > MaxOperationsPerTransaction || EstimateBytes(actions) > MaxTransactionBytes)
                return await SplitAsync(subject, pending, events.Count, cancellationToken);
            try
            {
                var response = await tables.Ledger.SubmitTransactionAsync(actions, cancellationToken);
                Remember(subject, response.Value.Count > pending.Count ? response.Value[pending.Count].Headers.ETag : null, committed);
                return new LedgerResult(pending.Count, events.Count - pending.Count);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                _states.Forget(subject);
                var applied = await FindAppliedAsync(subject, pending, cancellationToken);
                pending.RemoveAll(applied.Contains);
                if (pending.Count == 0) return new LedgerResult(0, events.Count);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Another writer updated the state row first: reload and apply on top of it.
                _states.Forget(subject);
            }
        }
        throw new LedgerContentionException(subject, MaxAttempts);
    }

    private void Remember(SubjectId subject, ETag? etag, SubjectSnapshot committed)
    {
        cache.Set(committed);
        if (etag is { } known && committed.Ledger is { } ledger) _states.Remember(subject, new CommittedState(known, ledger, committed.Account));
        else _states.Forget(subject);
    }

    private async Task<LedgerResult> SplitAsync(SubjectId subject, List<UsageEvent> pending, int total, CancellationToken cancellationToken)
    {
        if (pending.Count == 1) throw new InvalidOperationException($"One event for {subject} does not fit in a transaction.");
        var half = pending.Count / 2;
        var first = await ApplyToSubjectAsync(subject, pending[..half], cancellationToken);
        var second = await ApplyToSubjectAsync(subject, pending[half..], cancellationToken);
        return new LedgerResult(first.Applied + second.Applied, total - first.Applied - second.Applied);
    }

    /// <summary>
    /// The transaction for <paramref name="pending"/> (the applied-event inserts first, then the state row), and the
    /// subject's snapshot once it commits. The state comes from this process's last commit when there is one.
    /// </summary>
    private async Task<(List<TableTransactionAction> Actions, SubjectSnapshot Committed)> PlanAsync(SubjectId subject, List<UsageEvent> pending, CancellationToken cancellationToken)
    {
        var state = _states.Find(subject) ?? await ReadStateAsync(subject, cancellationToken);
        var posting = (state?.Ledger ?? SubjectLedger.Empty).Apply(pending);

        var actions = new List<TableTransactionAction>(pending.Count + 1 + posting.HistoryIncrements.Count);
        actions.AddRange(pending.Select(e => new TableTransactionAction(TableTransactionActionType.Add, UsageRow.Create(subject, e))));
        var columns = SubjectRow.LedgerColumns(subject, posting.Ledger);
        actions.Add(state is null
            ? new TableTransactionAction(TableTransactionActionType.Add, columns)
            : new TableTransactionAction(TableTransactionActionType.UpdateMerge, columns, state.ETag));
        foreach (var increment in posting.HistoryIncrements)
            actions.Add(await PlanHistoryAsync(subject, increment, cancellationToken));
        var partition = SubjectRow.PartitionKey(subject);
        if (actions.Any(a => a.Entity.PartitionKey != partition))
            throw new InvalidOperationException($"A transaction for {subject} must stay in partition {partition}.");
        return (actions, new SubjectSnapshot(subject, state?.Account, posting.Ledger));
    }

    /// <summary>The state row as stored; null when the subject has none yet.</summary>
    private async Task<CommittedState?> ReadStateAsync(SubjectId subject, CancellationToken cancellationToken)
    {
        var response = await tables.Ledger.GetEntityIfExistsAsync<TableEntity>(SubjectRow.PartitionKey(subject), SubjectRow.RowKey, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } row) return null;
        var ledger = SubjectRow.ReadLedgerIfAny(row) ?? SubjectLedger.Empty;
        return new CommittedState(row.ETag, ledger, SubjectRow.ReadAccount(subject, row));
    }

    private async Task<TableTransactionAction> PlanHistoryAsync(SubjectId subject, PeriodUsage increment, CancellationToken cancellationToken)
    {
        var rowKey = HistoryRow.RowKey(increment.Period, increment.Start);
        var existing = await tables.Ledger.GetEntityIfExistsAsync<TableEntity>(SubjectRow.PartitionKey(subject), rowKey, cancellationToken: cancellationToken);
        if (!existing.HasValue || existing.Value is not { } row)
            return new TableTransactionAction(TableTransactionActionType.Add, HistoryRow.Create(subject, increment));
        var total = increment with { Counters = SubjectRow.ReadCounters(row, "") + increment.Counters };
        return new TableTransactionAction(TableTransactionActionType.UpdateReplace, HistoryRow.Create(subject, total), row.ETag);
    }

    private async Task<HashSet<UsageEvent>> FindAppliedAsync(SubjectId subject, List<UsageEvent> pending, CancellationToken cancellationToken)
    {
        var partition = SubjectRow.PartitionKey(subject);
        var found = await Task.WhenAll(pending.Select(async e =>
        {
            var row = await tables.Ledger.GetEntityIfExistsAsync<TableEntity>(partition, UsageRow.RowKey(e.Id), ["RowKey"], cancellationToken);
            return row.HasValue ? e : null;
        }));
        return found.OfType<UsageEvent>().ToHashSet();
    }

    private static IEnumerable<KeyValuePair<SubjectId, List<UsageEvent>>> GroupBySubject(IReadOnlyList<UsageEvent> events)
    {
        var groups = new Dictionary<SubjectId, List<UsageEvent>>();
        var seen = new HashSet<(SubjectId, UsageEventId)>();
        foreach (var usage in events)
        {
            foreach (var subject in usage.Subjects)
            {
                if (!seen.Add((subject, usage.Id))) continue;
                if (!groups.TryGetValue(subject, out var list)) groups[subject] = list = [];
                list.Add(usage);
            }
        }
        return groups;
    }

    /// <summary>A generous estimate of the request size (UTF-16 strings, JSON overhead), checked against the 4 MB cap.</summary>
    private static long EstimateBytes(List<TableTransactionAction> actions) =>
        actions.Sum(a => 512L + a.Entity.PartitionKey.Length * 2L + a.Entity.RowKey.Length * 2L
            + ((TableEntity)a.Entity).Sum(p => 64L + p.Key.Length * 2L + (p.Value is string s ? s.Length * 6L : 32L)));
}
