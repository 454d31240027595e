namespace Billing.Domain.Budgets;

/// <summary>
/// A half-open interval [Start, End) of instants, both held in UTC (offset zero). <see cref="End"/> is null for an
/// open-ended interval, and otherwise after <see cref="Start"/>. <c>default</c> is open ended from
/// <see cref="DateTimeOffset.MinValue"/>, so it contains every instant.
/// </summary>
public readonly record struct TimeInterval(DateTimeOffset Start, DateTimeOffset? End)
{
    public DateTimeOffset Start { get; } = Start.ToUniversalTime();

    public DateTimeOffset? End { get; } = After(Start, End)?.ToUniversalTime();

    public bool Contains(DateTimeOffset instant) => instant >= Start && (End is null || instant < End);

    private static DateTimeOffset? After(DateTimeOffset start, DateTimeOffset? end)
    {
        Guard.That(end is null || end > start, "must be after the start", nameof(End));
        return end;
    }
}
