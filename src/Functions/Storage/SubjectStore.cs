using System.Collections.Concurrent;
using Azure.Data.Tables;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>Point reads of a subject's state row, directly or through the check's bounded-staleness cache.</summary>
public sealed class SubjectStore(BillingTables tables, SubjectStateCache cache)
{
    private readonly ConcurrentDictionary<SubjectId, Lazy<Task<SubjectState>>> _refreshing = new();

    public async Task<SubjectState> ReadAsync(SubjectId subject, CancellationToken cancellationToken)
    {
        var response = await tables.Ledger.GetEntityIfExistsAsync<TableEntity>(
            SubjectRow.PartitionKey(subject), SubjectRow.RowKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row ? SubjectRow.Read(subject, row) : SubjectState.Missing(subject);
    }

    /// <summary>
    /// Records the Lago subscription Lago terminated for the subject (empty clears it): one merge of that column into
    /// the state row, which conflicts with no other writer's columns; their next If-Match fails and they reread.
    /// </summary>
    public async Task SetLagoTerminatedAsync(SubjectId subject, string subscription, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var row = new TableEntity(SubjectRow.PartitionKey(subject), SubjectRow.RowKey) { [SubjectRow.TerminatedColumn] = subscription };
        await tables.Ledger.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
        cache.Invalidate(subject);
    }

    /// <summary>The check's read: from the bounded-staleness cache when fresh, else point reads in parallel.</summary>
    public ValueTask<SubjectState[]> ReadManyCachedAsync(IReadOnlyList<SubjectId> subjects, CancellationToken cancellationToken)
    {
        var snapshots = new SubjectState[subjects.Count];
        List<int>? missing = null;
        for (var i = 0; i < subjects.Count; i++)
        {
            if (!cache.TryGet(subjects[i], out snapshots[i])) (missing ??= []).Add(i);
        }
        return missing is null ? ValueTask.FromResult(snapshots) : new ValueTask<SubjectState[]>(ReadMissingAsync(subjects, snapshots, missing, cancellationToken));
    }

    private async Task<SubjectState[]> ReadMissingAsync(IReadOnlyList<SubjectId> subjects, SubjectState[] snapshots, List<int> missing, CancellationToken cancellationToken)
    {
        if (missing.Count == 1) snapshots[missing[0]] = await RefreshAsync(subjects[missing[0]], cancellationToken);
        else
        {
            var read = await Task.WhenAll(missing.Select(i => RefreshAsync(subjects[i], cancellationToken)));
            for (var j = 0; j < missing.Count; j++) snapshots[missing[j]] = read[j];
        }
        return snapshots;
    }

    /// <summary>
    /// A cache miss: with the cache on, concurrent misses of one subject share one point read (when an entry
    /// expires under load, every request in flight would otherwise read it, and the burst stalls storage).
    /// With the cache off every check reads for itself.
    /// </summary>
    private Task<SubjectState> RefreshAsync(SubjectId subject, CancellationToken cancellationToken)
    {
        if (!cache.Enabled) return ReadAsync(subject, cancellationToken);
        var refresh = _refreshing.GetOrAdd(subject, s => new Lazy<Task<SubjectState>>(() => ReadAndCacheAsync(s)));
        return refresh.Value.WaitAsync(cancellationToken);
    }

    /// <summary>The shared read runs to completion whoever cancels; each caller stops waiting on its own token.</summary>
    private async Task<SubjectState> ReadAndCacheAsync(SubjectId subject)
    {
        try
        {
            var snapshot = await ReadAsync(subject, CancellationToken.None);
            cache.Set(snapshot);
            return snapshot;
        }
        finally
        {
            _refreshing.TryRemove(subject, out _);
        }
    }
}
