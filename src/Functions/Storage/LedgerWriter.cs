using Azure;
using Azure.Data.Tables;
using Billing.Domain.Credits;
using Billing.Domain.Lago;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Functions.Storage;

/// <summary>
/// Applies usage to the ledger exactly once per (event, subject). Events are grouped by subject; the domain turns each
/// group into a posting (state, applied markers, roll-ups, alert markers, statements) and
/// <see cref="SubjectTransaction"/> stores it in one entity-group transaction with the state row updated with If-Match.
/// 409 = an event was already applied (dropped, then retried); 412 = another writer won (reload, retry).
/// Within this process one writer at a time works on a subject (<see cref="SubjectGates"/>), so parallel consumers
/// queue up instead of rejecting each other's transactions, and the next transaction starts from the state this
/// process committed (<see cref="CommittedStates"/>) instead of reading it; 412 remains the guard between instances.
/// </summary>
public sealed class LedgerWriter(BillingTables tables, SubjectStateCache cache, SubjectStore store, PostingRows rows, PayerRule? payerRule = null, ChargeRule? lagoCharge = null,
    TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly PayerRule _payerRule = payerRule ?? PayerRule.Default;
    private const int MaxRememberedStates = 100_000;
    private readonly SubjectGates _gates = new();
    private readonly CommittedStates _states = new(MaxRememberedStates);

    /// <summary>
    /// Events per transaction: 100 operations less the state row, a roll-up row for an hour that closes, up to two
    /// credit burn entries and a Lago outbox row, so one hot subject costs about 1.01-1.04 operations per event.
    /// </summary>
    public const int MaxEventsPerTransaction = SubjectTransaction.MaxOperations - 5;
    private const int MaxAttempts = 200;
    private const int MaxParallelSubjects = 16;

    public async Task<LedgerResult> ApplyAsync(IReadOnlyList<UsageEvent> events, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var prepaid = await PrepaidAsync(events, cancellationToken);
        var applied = 0;
        var duplicates = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelSubjects, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(GroupBySubject(events), options, async (group, token) =>
        {
            foreach (var chunk in group.Value.Chunk(MaxEventsPerTransaction))
            {
                var result = await _gates.RunAsync(group.Key, () => ApplyToSubjectAsync(group.Key, chunk, prepaid, token), token);
                Interlocked.Add(ref applied, result.Applied);
                Interlocked.Add(ref duplicates, result.Duplicates);
            }
        });
        return new LedgerResult(applied, duplicates);
    }

    /// <summary>
    /// Which subjects of <paramref name="events"/> are prepaid, for the one-payer rule (<see cref="PayerRule"/>). The
    /// states read to find out start the subjects' transactions, so this costs no extra read; each transaction then
    /// updates its own subject's entry from the state it commits on (a stale entry means a 412 and a reread).
    /// </summary>
    private async Task<System.Collections.Concurrent.ConcurrentDictionary<SubjectId, bool>> PrepaidAsync(IReadOnlyList<UsageEvent> events, CancellationToken cancellationToken)
    {
        var prepaid = new System.Collections.Concurrent.ConcurrentDictionary<SubjectId, bool>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelSubjects, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(events.SelectMany(e => e.Subjects).Distinct(), options, async (subject, token) =>
        {
            var state = _states.Find(subject);
            if (state is null)
            {
                // Remembered, so the subject's transaction starts from it; a missing row is inserted, and a 409 rereads.
                state = await store.ReadAsync(subject, token);
                _states.Remember(state);
            }
            prepaid[subject] = state.IsPrepaid;
        });
        return prepaid;
    }

    private async Task<LedgerResult> ApplyToSubjectAsync(SubjectId subject, IReadOnlyList<UsageEvent> events,
        System.Collections.Concurrent.ConcurrentDictionary<SubjectId, bool> prepaid, CancellationToken cancellationToken)
    {
        var pending = events.ToList();
        var conflicted = false;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var state = _states.Find(subject) ?? await store.ReadAsync(subject, cancellationToken);
            var posting = (state.Ledger ?? SubjectLedger.Empty).Apply(subject, state.Account, pending);
            var columns = SubjectRow.LedgerColumns(subject, posting.Ledger);
            var entries = posting.Entries;
            prepaid[subject] = state.IsPrepaid;
            var paid = pending.Where(e => _payerRule.Choose(e.Subjects, s => prepaid.GetValueOrDefault(s)) == subject).ToList();
            var credits = paid.Count > 0 ? state.Book.BurnEvents(paid) : null;
            if (credits is { IsEmpty: false })
            {
                // The burn goes in the same transaction as the spend: exactly once with it.
                columns[CreditColumns.Column] = CreditColumns.Write(credits.Book);
                entries = [.. entries, .. credits.Entries.Select(e => new CreditRecorded(e))];
            }
            // With Lago on, the events Lago charges this subject for go to its outbox in the same transaction.
            if (lagoCharge?.Outbox(subject, state.Account?.Lago ?? LagoLink.Default, pending) is { Count: > 0 } outbox)
                entries = [.. entries, new OutboxRecorded(outbox)];
            // The holds these events name are settled with them, exactly once; expired holds go at the same time.
            var holds = state.HoldBook.Remove(pending.SelectMany(e => e.SettlesHolds), _time.GetUtcNow());
            if (!holds.Equals(state.HoldBook)) HoldColumns.Write(columns, holds);
            var transaction = await SubjectTransaction.PlanAsync(rows, subject, state.ETag, columns, entries, conflicted, cancellationToken);
            if (!transaction.Fits) return await SplitAsync(subject, pending, events.Count, prepaid, cancellationToken);
            try
            {
                var etag = await transaction.SubmitAsync(tables, rows, cancellationToken);
                Remember(state with { ETag = etag, Ledger = posting.Ledger, Credits = credits?.Book ?? state.Credits, Holds = holds });
                return new LedgerResult(pending.Count, events.Count - pending.Count);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Applied markers, or a record (alert marker, statement) another writer put there first.
                conflicted = true;
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

    private void Remember(SubjectState committed)
    {
        cache.Set(committed);
        _states.Remember(committed);
    }

    private async Task<LedgerResult> SplitAsync(SubjectId subject, List<UsageEvent> pending, int total,
        System.Collections.Concurrent.ConcurrentDictionary<SubjectId, bool> prepaid, CancellationToken cancellationToken)
    {
        if (pending.Count == 1) throw new InvalidOperationException($"One event for {subject} does not fit in a transaction.");
        var half = pending.Count / 2;
        var first = await ApplyToSubjectAsync(subject, pending[..half], prepaid, cancellationToken);
        var second = await ApplyToSubjectAsync(subject, pending[half..], prepaid, cancellationToken);
        return new LedgerResult(first.Applied + second.Applied, total - first.Applied - second.Applied);
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
}
