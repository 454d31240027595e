using Billing.Bench.Infrastructure;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Bench.Scenarios;

/// <summary>
/// A set of LiteLLM batches to ingest, prepared before the clock starts: the bodies, the events the app should
/// make of them, and what each subject's lifetime counters must add up to.
/// </summary>
public sealed class IngestWorkload
{
    private IngestWorkload(string name, List<byte[]> bodies, List<UsageEvent> events)
    {
        Name = name;
        Bodies = bodies;
        Events = events;
        Expected = Totals(events);
    }

    public string Name { get; }
    public IReadOnlyList<byte[]> Bodies { get; }
    public IReadOnlyList<UsageEvent> Events { get; }
    public IReadOnlyDictionary<string, UsageCounters> Expected { get; }
    public long EventSubjects => Events.Sum(e => (long)e.Subjects.Count);

    public static IngestWorkload Build(LiteLlmBodies bodies, string name, int events, int batchSize, Func<int, Attribution> attribution)
    {
        var run = Guid.NewGuid().ToString("N")[..12];
        var batches = new List<byte[]>();
        var normalised = new List<UsageEvent>(events);
        for (var first = 0; first < events; first += batchSize)
        {
            var body = bodies.Batch(run, first, Math.Min(batchSize, events - first), attribution);
            batches.Add(body);
            normalised.AddRange(LiteLlmBodies.Expected(body));
        }
        return new IngestWorkload(name, batches, normalised);
    }

    /// <summary>Lifetime counters per subject (<c>kind:id</c>) after applying <paramref name="events"/> exactly once.</summary>
    public static Dictionary<string, UsageCounters> Totals(IEnumerable<UsageEvent> events) =>
        Totals(events.SelectMany(e => e.Subjects.Select(s => (s, e))));

    /// <summary>Lifetime counters per subject after applying each (subject, event) pair exactly once.</summary>
    public static Dictionary<string, UsageCounters> Totals(IEnumerable<(SubjectId Subject, UsageEvent Event)> pairs)
    {
        var totals = new Dictionary<string, UsageCounters>();
        foreach (var (subject, usage) in pairs)
        {
            var key = subject.ToString();
            totals[key] = totals.GetValueOrDefault(key) + UsageCounters.Of(usage);
        }
        return totals;
    }
}
