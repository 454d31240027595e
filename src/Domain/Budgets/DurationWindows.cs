namespace Billing.Domain.Budgets;

/// <summary>
/// Repetitions of an <see cref="IsoDuration"/> from an anchor: repetition k starts at anchor + k × duration, for any
/// integer k. Months are added to the anchor's UTC date-time in one step (anchor.AddMonths(k × months), never chained,
/// so a 31st stays a 31st where the month has one), then k × (days + time) of elapsed time.
/// </summary>
internal static class DurationWindows
{
    public static TimeInterval Containing(IsoDuration duration, DateTimeOffset anchor, DateTimeOffset instant)
    {
        var elapsed = (instant - anchor).Ticks;
        if (duration.FixedLength is { } length)
        {
            var start = anchor.AddTicks(FloorDivide(elapsed, length.Ticks) * length.Ticks);
            return new(start, start + length);
        }
        // Estimate k from the average month; the calendar strays from it by a few days, under one repetition.
        var k = (long)Math.Floor(elapsed / (double)duration.NominalLength.Ticks);
        while (Boundary(duration, anchor, k) > instant) k--;
        while (Boundary(duration, anchor, k + 1) <= instant) k++;
        return new(Boundary(duration, anchor, k), Boundary(duration, anchor, k + 1));
    }

    private static DateTimeOffset Boundary(IsoDuration duration, DateTimeOffset anchor, long k) =>
        anchor.AddMonths(checked((int)(k * duration.TotalMonths)))
            .AddTicks(checked(k * (duration.Days * TimeSpan.TicksPerDay + duration.Time.Ticks)));

    private static long FloorDivide(long dividend, long divisor)
    {
        var (quotient, remainder) = Math.DivRem(dividend, divisor);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
