using Billing.Domain.Budgets;

namespace Billing.Domain.Ledger;

/// <summary>
/// A window's counters for one period [Start, End). <see cref="CountFrom"/> is the period start, or later when the
/// window was reset on purpose; usage before it does not count. <see cref="Crossed"/> holds the keys of the alert
/// thresholds already crossed in this span; <see cref="Stated"/> says the period statement is written.
/// </summary>
public sealed record WindowSpan(
    DateTimeOffset Start,
    DateTimeOffset? End,
    DateTimeOffset CountFrom,
    UsageBreakdown Usage,
    IReadOnlyList<string> Crossed,
    bool Stated)
{
    public static WindowSpan Open(TimeInterval period) => new(period.Start, period.End, period.Start, UsageBreakdown.Empty, [], false);

    public TimeInterval Period => new(Start, End);

    public bool Counts(DateTimeOffset instant) => instant >= CountFrom && (End is null || instant < End);

    public bool Equals(WindowSpan? other) => other is not null && Start == other.Start && End == other.End && CountFrom == other.CountFrom
        && Usage.Equals(other.Usage) && Crossed.SequenceEqual(other.Crossed) && Stated == other.Stated;

    public override int GetHashCode() => HashCode.Combine(Start, CountFrom, Usage.Total);
}
