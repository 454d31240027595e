namespace Billing.Domain.Budgets;

/// <summary>
/// Local dates of a time zone on the UTC time line. Only <see cref="TimeZoneInfo.GetUtcOffset(DateTimeOffset)"/> is
/// asked (instant to offset), which is the direction the tz database answers without guessing.
/// </summary>
internal static class LocalDates
{
    public static DateOnly DateOf(TimeZoneInfo zone, DateTimeOffset instant) =>
        DateOnly.FromDateTime(instant.ToOffset(zone.GetUtcOffset(instant)).DateTime);

    /// <summary>
    /// The first instant whose local time is <paramref name="date"/> 00:00 or later. When midnight is ambiguous (a
    /// fall-back over midnight) that is the earlier midnight; when it does not exist (a gap over midnight) it is the
    /// transition, the first instant of that local date.
    /// </summary>
    public static DateTimeOffset StartOf(TimeZoneInfo zone, DateOnly date)
    {
        // The wall clock read as if it were UTC; the instant is the wall clock minus the offset in force then.
        var wall = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var before = zone.GetUtcOffset(wall.AddDays(-1));
        var after = zone.GetUtcOffset(wall.AddDays(1));
        var underBefore = wall - before;
        var underAfter = wall - after;
        var beforeHolds = zone.GetUtcOffset(underBefore) == before;
        var afterHolds = zone.GetUtcOffset(underAfter) == after;
        if (beforeHolds && afterHolds) return underBefore < underAfter ? underBefore : underAfter;
        if (beforeHolds) return underBefore;
        if (afterHolds) return underAfter;
        return Transition(zone, underAfter < underBefore ? underAfter : underBefore, underAfter < underBefore ? underBefore : underAfter);
    }

    /// <summary>The first instant in (<paramref name="low"/>, <paramref name="high"/>] whose offset differs from the one at <paramref name="low"/>.</summary>
    private static DateTimeOffset Transition(TimeZoneInfo zone, DateTimeOffset low, DateTimeOffset high)
    {
        var offset = zone.GetUtcOffset(low);
        while (high.Ticks - low.Ticks > 1)
        {
            var middle = low.AddTicks((high.Ticks - low.Ticks) / 2);
            if (zone.GetUtcOffset(middle) == offset) low = middle;
            else high = middle;
        }
        return high;
    }
}
