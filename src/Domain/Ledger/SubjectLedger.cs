using Billing.Domain.Accounts;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Domain.Ledger;

/// <summary>
/// What one subject has used: lifetime totals, the latest UTC hour's roll-up (earlier hours are rows of their own),
/// the counters of each budget window of its account, and the ring of its latest events (<see cref="RecentEvents"/>).
/// A new period starts at zero with no timer, because readers compare a window's span with the period the clock
/// gives. Every change returns a <see cref="LedgerPosting"/>.
/// </summary>
public sealed record SubjectLedger(UsageCounters Lifetime, HourBucket? Hour, IReadOnlyList<WindowLedger> Windows, RecentEvents Recent)
{
    public static readonly SubjectLedger Empty = new(UsageCounters.Zero, null, [], RecentEvents.Empty);

    public WindowLedger? Window(string name) => Windows.FirstOrDefault(w => w.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Applies events (each exactly once: the caller guarantees they were not applied before) to the lifetime totals,
    /// the hourly roll-ups, every window of <paramref name="account"/> whose model filter counts them, and the ring of
    /// recent events.
    /// </summary>
    public LedgerPosting Apply(SubjectId subject, Account? account, IEnumerable<UsageEvent> events)
    {
        var ordered = events.OrderBy(e => e.OccurredAtEpochSeconds).ToList();
        var entries = new List<PostingEntry>();
        var contexts = Contexts(subject, account);
        var windows = Aligned(contexts).ToArray();
        var lifetime = Lifetime;
        var hour = Hour;
        var lateHours = new SortedDictionary<DateTimeOffset, UsageBreakdown>();

        foreach (var usage in ordered)
        {
            entries.Add(new UsageApplied(usage));
            lifetime += UsageCounters.Of(usage);
            var start = HourBucket.HourOf(usage.OccurredAt);
            if (hour is null || start > hour.Start)
            {
                if (hour is not null) entries.Add(new HourRolledUp(hour, FirstWrite: true));
                hour = new HourBucket(start, UsageBreakdown.Empty.Add(usage));
            }
            else if (start == hour.Start) hour = hour with { Usage = hour.Usage.Add(usage) };
            else lateHours[start] = (lateHours.GetValueOrDefault(start) ?? UsageBreakdown.Empty).Add(usage);

            for (var i = 0; i < windows.Length; i++)
            {
                if (contexts[i].Window.Counts(usage.Model)) windows[i] = windows[i].Apply(contexts[i], usage, entries);
            }
        }
        entries.AddRange(lateHours.Select(h => new HourRolledUp(new HourBucket(h.Key, h.Value), FirstWrite: false)));
        return new LedgerPosting(new SubjectLedger(lifetime, hour, windows, Recent.Add(ordered)), entries);
    }

    /// <summary>The rollover timer's work for this subject at <paramref name="now"/> (see <see cref="WindowLedger.Close"/>).</summary>
    public LedgerPosting Close(SubjectId subject, Account account, DateTimeOffset now, TimeSpan grace)
    {
        var entries = new List<PostingEntry>();
        var contexts = Contexts(subject, account);
        var windows = Aligned(contexts).Select((w, i) => w.Close(contexts[i], now, grace, entries)).ToList();
        return new LedgerPosting(this with { Windows = windows }, entries);
    }

    /// <summary>The earliest instant a window of <paramref name="account"/> has rollover work; null when none ever will.</summary>
    public DateTimeOffset? NextDue(SubjectId subject, Account account, DateTimeOffset now, TimeSpan grace)
    {
        var contexts = Contexts(subject, account);
        return Aligned(contexts).Select((w, i) => w.NextDue(contexts[i], now, grace)).Where(d => d is not null).Min();
    }

    /// <summary>
    /// Takes a new account configuration: windows whose definition is unchanged keep their counters and are checked
    /// against their new limits and thresholds (a lowered limit alerts at once); new or redefined windows count the
    /// usage already in their current period, summed from <paramref name="pastHours"/> (the roll-up rows) and the
    /// latest hour. Hours count when they start inside the span, so the granularity is one UTC hour; an unfiltered
    /// total window takes the exact lifetime totals.
    /// </summary>
    public LedgerPosting Reconfigure(SubjectId subject, Account account, DateTimeOffset now, IReadOnlyList<HourBucket> pastHours)
    {
        var entries = new List<PostingEntry>();
        var windows = new List<WindowLedger>();
        foreach (var context in Contexts(subject, account))
        {
            var existing = Window(context.Window.Name);
            if (existing is not null && existing.Definition == context.Definition)
            {
                // Only now's period answers to the new limit: a finished span keeps the alerts of the limit it had.
                windows.Add(existing.Current is { } current && current.Start == context.PeriodAt(now).Start
                    ? existing with { Current = context.Evaluate(current, entries) }
                    : existing);
                continue;
            }
            // Alerts are keyed by window, span start and threshold: what the old definition crossed in a span that
            // starts at the same instant stays crossed, so no alert is reported twice.
            var span = WindowSpan.Open(context.PeriodAt(now));
            if (existing is not null) span = span with { Crossed = CrossedFrom(existing, span.CountFrom) };
            var usage = Hours(pastHours).Where(h => span.Counts(h.Start) && h.Start <= now)
                .Aggregate(UsageBreakdown.Empty, (sum, h) => sum.Add(h.Usage.Where(context.Window.Counts)));
            // The lifetime totals are exact from the first event on, roll-ups or not.
            if (context.Window.Period.Kind == Budgets.PeriodKind.Total && context.Window.Models is null) usage = usage with { Total = Lifetime };
            windows.Add(WindowLedger.Fresh(context) with { Current = context.Evaluate(span with { Usage = usage }, entries) });
        }
        return new LedgerPosting(this with { Windows = windows }, entries);
    }

    /// <summary>Starts one window afresh at <paramref name="now"/> (<see cref="WindowLedger.Reset"/>); null when the account has no such window.</summary>
    public LedgerPosting? Reset(SubjectId subject, Account account, string window, DateTimeOffset now)
    {
        var contexts = Contexts(subject, account);
        var index = contexts.FindIndex(c => c.Window.Name.Equals(window, StringComparison.OrdinalIgnoreCase));
        if (index < 0) return null;
        var entries = new List<PostingEntry>();
        var windows = Aligned(contexts).ToList();
        windows[index] = windows[index].Reset(contexts[index], now, entries);
        return new LedgerPosting(this with { Windows = windows }, entries);
    }

    /// <summary>The thresholds <paramref name="old"/> crossed in its spans counting from <paramref name="countFrom"/>.</summary>
    private static List<string> CrossedFrom(WindowLedger old, DateTimeOffset countFrom) =>
        [.. new[] { old.Current, old.Previous }.Where(s => s?.CountFrom == countFrom).SelectMany(s => s!.Crossed).Distinct()];

    /// <summary>The past hours plus the latest one, each hour once.</summary>
    private IEnumerable<HourBucket> Hours(IReadOnlyList<HourBucket> pastHours) =>
        Hour is null ? pastHours : pastHours.Where(h => h.Start != Hour.Start).Append(Hour);

    private static List<WindowContext> Contexts(SubjectId subject, Account? account) =>
        account?.Budgets.Select(w => new WindowContext(subject, w, account.TimeZone, account.Currency.Code)).ToList() ?? [];

    /// <summary>The stored counters of each configured window, or fresh ones where the definition changed.</summary>
    private IEnumerable<WindowLedger> Aligned(List<WindowContext> contexts) => contexts.Select(c =>
        Window(c.Window.Name) is { } stored && stored.Definition == c.Definition ? stored : WindowLedger.Fresh(c));

    public bool Equals(SubjectLedger? other) =>
        other is not null && Lifetime == other.Lifetime && Equals(Hour, other.Hour) && Windows.SequenceEqual(other.Windows) && Recent.Equals(other.Recent);

    public override int GetHashCode() => HashCode.Combine(Lifetime, Windows.Count);
}
