using Billing.Domain.Alerts;
using Billing.Domain.Budgets;
using Billing.Domain.Statements;
using Billing.Domain.Subjects;

namespace Billing.Domain.Ledger;

/// <summary>A window as configured, with whose it is and the time zone its calendar follows.</summary>
public sealed record WindowContext(SubjectId Subject, BudgetWindow Window, TimeZoneInfo Zone, string Currency)
{
    public TimeInterval PeriodAt(DateTimeOffset instant) => WindowCalendar.Containing(Window.Period, Zone, instant);

    public string Definition => Window.Definition(Zone.Id);

    /// <summary>Marks the thresholds the span's usage has reached and not yet crossed, and reports each crossing once.</summary>
    public WindowSpan Evaluate(WindowSpan span, ICollection<PostingEntry> entries)
    {
        var used = Window.Used(span.Usage.Total);
        if (used <= 0) return span;
        List<string>? crossed = null;
        foreach (var threshold in Window.Thresholds.OrderBy(t => t.AmountFor(Window.Limit)))
        {
            if (span.Crossed.Contains(threshold.Key) || (crossed?.Contains(threshold.Key) ?? false) || used < threshold.AmountFor(Window.Limit)) continue;
            (crossed ??= [.. span.Crossed]).Add(threshold.Key);
            entries.Add(new AlertCrossed(Crossing(span, threshold, used)));
        }
        return crossed is null ? span : span with { Crossed = crossed };
    }

    public PeriodStatement Statement(WindowSpan span) =>
        new(Subject, Window.Name, Definition, Window.Period.Name, Window.Metric, Window.Limit, span.Start, span.End, span.CountFrom, span.Usage);

    private AlertCrossing Crossing(WindowSpan span, AlertThreshold threshold, decimal used) => new(
        Subject, Window.Name, Window.Period.Name, Window.Metric, Window.Mode, threshold.Key,
        threshold.Label(BudgetNames.Unit(Window.Metric, Currency)), used, Window.Limit,
        span.CountFrom, span.Start, span.End, Zone.Id, span.Usage.Top(AlertCrossing.TopModelCount));
}
