using Billing.Domain.Usage;

namespace Billing.Domain.Ledger;

/// <summary>
/// The subject's latest applied events, newest first, at most <see cref="Capacity"/>: the ring the events tail reads
/// from the state row. "Latest" is by the time an event occurred (then by id, descending), not by when it arrived,
/// so the ring depends only on which events were applied, whatever their order or batching; a late event older
/// than every event in a full ring is not kept (it is in the applied-event rows and the roll-ups).
/// </summary>
public sealed record RecentEvents(IReadOnlyList<RecentEvent> Events)
{
    public const int Capacity = 50;

    public static readonly RecentEvents Empty = new([]);

    /// <summary>The ring with <paramref name="events"/> added; an id already in it is kept once.</summary>
    public RecentEvents Add(IEnumerable<UsageEvent> events)
    {
        var added = events.Select(RecentEvent.Of).ToList();
        if (added.Count == 0) return this;
        var kept = Events.Concat(added)
            .DistinctBy(e => e.Id)
            .OrderByDescending(e => e.OccurredAtEpochSeconds)
            .ThenByDescending(e => e.Id.Value, StringComparer.Ordinal)
            .Take(Capacity)
            .ToList();
        return new RecentEvents(kept);
    }

    /// <summary>The newest <paramref name="count"/> events.</summary>
    public IReadOnlyList<RecentEvent> Newest(int count) => Events.Take(count).ToList();

    public bool Equals(RecentEvents? other) => other is not null && Events.SequenceEqual(other.Events);

    public override int GetHashCode() => Events.Count;
}
