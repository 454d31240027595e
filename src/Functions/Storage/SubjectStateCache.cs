using System.Collections.Concurrent;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Storage;

/// <summary>
/// Bounded-staleness cache of subject snapshots for the check's hot path. An entry lives at most
/// <see cref="CacheOptions.Window"/> (0 turns the cache off); the ingest of this instance replaces entries with the
/// state it just committed, and account writes evict theirs. Other instances' ingests are seen within the window.
/// </summary>
public sealed class SubjectStateCache(IOptions<CacheOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<SubjectId, Entry> _entries = new();
    private readonly TimeSpan _window = options.Value.Window;
    private readonly int _maxEntries = options.Value.MaxEntries;

    public bool Enabled => _window > TimeSpan.Zero;

    public bool TryGet(SubjectId subject, out SubjectState snapshot)
    {
        if (Enabled && _entries.TryGetValue(subject, out var entry) && time.GetTimestamp() < entry.ExpiresAt)
        {
            snapshot = entry.Snapshot;
            return true;
        }
        snapshot = null!;
        return false;
    }

    /// <summary>
    /// Caches a snapshot. Ledger counters only grow, so a snapshot with fewer lifetime requests than the cached one
    /// (a slower parallel writer finishing late) does not replace it. The check never shows recent events, so the
    /// ring is left out of the cache (up to 50 events a subject, over <see cref="CacheOptions.MaxEntries"/> subjects).
    /// </summary>
    public void Set(SubjectState snapshot)
    {
        if (!Enabled) return;
        if (_entries.Count >= _maxEntries) EvictExpired();
        if (snapshot.Ledger is { Recent.Events.Count: > 0 } ledger) snapshot = snapshot with { Ledger = ledger with { Recent = RecentEvents.Empty } };
        var expiresAt = time.GetTimestamp() + (long)(_window.TotalSeconds * time.TimestampFrequency);
        var entry = new Entry(snapshot, expiresAt);
        _entries.AddOrUpdate(snapshot.Subject, entry, (_, cached) => Requests(cached.Snapshot) > Requests(snapshot) ? cached : entry);
    }

    public void Invalidate(SubjectId subject) => _entries.TryRemove(subject, out _);

    private void EvictExpired()
    {
        var now = time.GetTimestamp();
        foreach (var (subject, entry) in _entries)
        {
            if (entry.ExpiresAt <= now) _entries.TryRemove(subject, out _);
        }
        if (_entries.Count >= _maxEntries) _entries.Clear();
    }

    private static long Requests(SubjectState snapshot) => snapshot.Ledger?.Lifetime.Requests ?? 0;

    private sealed record Entry(SubjectState Snapshot, long ExpiresAt);
}
