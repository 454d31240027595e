using System.Diagnostics.CodeAnalysis;

namespace Billing.Domain.Budgets;

/// <summary>
/// Pure arithmetic for budget windows in a time zone. Calendar periods start at local midnight: days (23 or 25 hours
/// long across a DST change), ISO weeks from Monday, months from the 1st. Duration periods ignore the zone: they are
/// exact elapsed time from their anchor, plus calendar months on the anchor's UTC date-time. Every interval is
/// half-open and in UTC, so an instant on a boundary belongs to the later period.
/// </summary>
public static class WindowCalendar
{
    /// <summary>
    /// The period containing <paramref name="instant"/>. A calendar period starts at the first instant of its local
    /// date: the earlier midnight when midnight repeats, the transition when midnight is skipped.
    /// <see cref="PeriodKind.Total"/> is [Unix epoch, open).
    /// </summary>
    public static TimeInterval Containing(WindowPeriod period, TimeZoneInfo zone, DateTimeOffset instant)
    {
        Guard.NotNull(zone, nameof(zone));
        return period.Kind switch
        {
            PeriodKind.Daily or PeriodKind.Weekly or PeriodKind.Monthly => Calendar(period.Kind, zone, instant),
            PeriodKind.Total => new(DateTimeOffset.UnixEpoch, null),
            PeriodKind.Duration => DurationWindows.Containing(period.Duration, period.Anchor, instant),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period.Kind, "unknown period kind"),
        };
    }

    /// <summary>The period starting where <paramref name="current"/> ends; for <see cref="PeriodKind.Total"/>, <paramref name="current"/> itself.</summary>
    public static TimeInterval Next(WindowPeriod period, TimeZoneInfo zone, TimeInterval current)
    {
        if (period.Kind == PeriodKind.Total) return current;
        Guard.That(current.End is not null, "must have an end", nameof(current));
        return Containing(period, zone, current.End.GetValueOrDefault());
    }

    /// <summary>
    /// Finds a zone by IANA id (<c>Europe/Berlin</c>, <c>UTC</c>) in the system's tz database. Unknown ids, and names
    /// that are not zone files (a folder such as <c>Europe</c>, a path), give false rather than an exception.
    /// </summary>
    public static bool TryFindZone(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        return !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone);
    }

    private static TimeInterval Calendar(PeriodKind kind, TimeZoneInfo zone, DateTimeOffset instant)
    {
        var first = FirstDate(kind, LocalDates.DateOf(zone, instant));
        var start = LocalDates.StartOf(zone, first);
        var end = LocalDates.StartOf(zone, Following(kind, first));
        // A fall-back across local midnight can start the next period before the instant's local date turns.
        while (instant >= end)
        {
            first = Following(kind, first);
            (start, end) = (end, LocalDates.StartOf(zone, Following(kind, first)));
        }
        return new(start, end);
    }

    private static DateOnly FirstDate(PeriodKind kind, DateOnly date) => kind switch
    {
        PeriodKind.Weekly => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        PeriodKind.Monthly => new(date.Year, date.Month, 1),
        _ => date,
    };

    private static DateOnly Following(PeriodKind kind, DateOnly first) => kind switch
    {
        PeriodKind.Weekly => first.AddDays(7),
        PeriodKind.Monthly => first.AddMonths(1),
        _ => first.AddDays(1),
    };
}
