using Billing.Domain.Usage;

namespace Billing.Domain.Ledger;

/// <summary>
/// The counters of one budget window: the span of the latest period it saw usage in, and the one before it (kept so
/// late events still count and alert, until its statement is written). <see cref="Definition"/> is the window
/// definition these counters were built for (<see cref="Budgets.BudgetWindow.Definition"/>).
/// </summary>
public sealed record WindowLedger(string Name, string Definition, WindowSpan? Current, WindowSpan? Previous)
{
    public static WindowLedger Fresh(WindowContext context) => new(context.Window.Name, context.Definition, null, null);

    /// <summary>
    /// Counts an event the window's model filter accepts. An event of a later period moves the window on (dropping
    /// the span before, with its statement if none was written); one of the previous period counts there; older ones
    /// count only in the hourly roll-ups.
    /// </summary>
    public WindowLedger Apply(WindowContext context, UsageEvent usage, ICollection<PostingEntry> entries)
    {
        var period = context.PeriodAt(usage.OccurredAt);
        var ledger = this;
        if (Current is null ? Previous is null || period.Start > Previous.Start : period.Start > Current.Start)
            ledger = ledger.MoveTo(context, WindowSpan.Open(period), entries);

        if (ledger.Current is { } current && current.Start == period.Start)
            return current.Counts(usage.OccurredAt) ? ledger with { Current = context.Evaluate(Add(current, usage), entries) } : ledger;
        if (ledger.Previous is { } previous && previous.Start == period.Start)
            return previous.Counts(usage.OccurredAt) ? ledger with { Previous = context.Evaluate(Add(previous, usage), entries) } : ledger;
        return ledger;
    }

    /// <summary>
    /// The rollover: writes the statement of every span whose period ended at least <paramref name="grace"/> ago,
    /// and moves a finished current span to previous, so the new period starts with its thresholds re-armed.
    /// </summary>
    public WindowLedger Close(WindowContext context, DateTimeOffset now, TimeSpan grace, ICollection<PostingEntry> entries)
    {
        var ledger = this;
        if (ledger.Current is { End: { } end } current && end <= now)
        {
            ledger = ledger.MoveTo(context, null, entries);
            if (end + grace > now) return ledger;
        }
        if (ledger.Previous is { Stated: false, End: { } previousEnd } previous && previousEnd + grace <= now)
        {
            entries.Add(new PeriodClosed(context.Statement(previous)));
            ledger = ledger with { Previous = previous with { Stated = true } };
        }
        return ledger;
    }

    /// <summary>When <see cref="Close"/> next has work: the end of the current (or now's) period plus the grace; null for total windows.</summary>
    public DateTimeOffset? NextDue(WindowContext context, DateTimeOffset now, TimeSpan grace)
    {
        DateTimeOffset? due = (Current?.End ?? context.PeriodAt(now).End) + grace;
        if (Previous is { Stated: false, End: { } previousEnd }) due = due is null || previousEnd + grace < due ? previousEnd + grace : due;
        return due;
    }

    /// <summary>Starts the window afresh at <paramref name="now"/>: the rest of this period counts from zero, thresholds re-armed.</summary>
    public WindowLedger Reset(WindowContext context, DateTimeOffset now, ICollection<PostingEntry> entries)
    {
        var period = context.PeriodAt(now);
        var fresh = WindowSpan.Open(period) with { CountFrom = now };
        return Current is { } current && current.Start < period.Start
            ? MoveTo(context, fresh, entries)
            : this with { Current = fresh };
    }

    /// <summary>What the window has used in the period containing <paramref name="now"/>: its current span, or nothing yet.</summary>
    public WindowSpan SpanAt(WindowContext context, DateTimeOffset now)
    {
        var period = context.PeriodAt(now);
        // After an event dated in a later period (a clock running ahead), now's period is the previous span.
        return Current is { } current && current.Start == period.Start ? current
            : Previous is { } previous && previous.Start == period.Start ? previous
            : WindowSpan.Open(period);
    }

    private WindowLedger MoveTo(WindowContext context, WindowSpan? next, ICollection<PostingEntry> entries)
    {
        if (Current is null) return this with { Current = next };
        if (Previous is { Stated: false } dropped) entries.Add(new PeriodClosed(context.Statement(dropped)));
        return this with { Previous = Current, Current = next };
    }

    private static WindowSpan Add(WindowSpan span, UsageEvent usage) => span with { Usage = span.Usage.Add(usage) };
}
