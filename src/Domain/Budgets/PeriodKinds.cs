namespace Billing.Domain.Budgets;

/// <summary>
/// The wire names of the calendar <see cref="PeriodKind"/>s: <c>daily</c>, <c>weekly</c>, <c>monthly</c>, <c>total</c>.
/// <see cref="PeriodKind.Duration"/> has no name of its own: its wire form is the ISO-8601 duration text.
/// </summary>
public static class PeriodKinds
{
    public static readonly IReadOnlyList<PeriodKind> Calendar =
        [PeriodKind.Daily, PeriodKind.Weekly, PeriodKind.Monthly, PeriodKind.Total];

    /// <summary>The calendar names for messages: <c>daily, weekly, monthly, total</c>.</summary>
    public static string CalendarNames { get; } = string.Join(", ", Calendar.Select(Name));

    public static string Name(PeriodKind kind) => kind switch
    {
        PeriodKind.Daily => "daily",
        PeriodKind.Weekly => "weekly",
        PeriodKind.Monthly => "monthly",
        PeriodKind.Total => "total",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "has no calendar name"),
    };

    public static bool TryParse(ReadOnlySpan<char> name, out PeriodKind kind)
    {
        foreach (var candidate in Calendar)
        {
            if (name.SequenceEqual(Name(candidate)))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
