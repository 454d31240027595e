using System.Globalization;
using Billing.Domain.Budgets;

namespace Billing.Tests.Domain;

public sealed class WindowCalendarTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    private static WindowPeriod Period(PeriodKind kind) => kind switch
    {
        PeriodKind.Daily => WindowPeriod.Daily,
        PeriodKind.Weekly => WindowPeriod.Weekly,
        PeriodKind.Monthly => WindowPeriod.Monthly,
        _ => WindowPeriod.Total,
    };

    public static TheoryData<string, PeriodKind, string, string, string> Intervals => new()
    {
        // Berlin, spring forward on 29 March 2026 (02:00 CET -> 03:00 CEST): a 23-hour day and a 167-hour week.
        { "Europe/Berlin", PeriodKind.Daily, "2026-03-29T12:00:00Z", "2026-03-28T23:00Z", "2026-03-29T22:00Z" },
        { "Europe/Berlin", PeriodKind.Daily, "2026-03-28T23:00:00Z", "2026-03-28T23:00Z", "2026-03-29T22:00Z" },
        { "Europe/Berlin", PeriodKind.Daily, "2026-03-29T00:59:59Z", "2026-03-28T23:00Z", "2026-03-29T22:00Z" },
        { "Europe/Berlin", PeriodKind.Daily, "2026-03-29T01:00:00Z", "2026-03-28T23:00Z", "2026-03-29T22:00Z" },
        { "Europe/Berlin", PeriodKind.Daily, "2026-03-28T22:59:59Z", "2026-03-27T23:00Z", "2026-03-28T23:00Z" },
        { "Europe/Berlin", PeriodKind.Daily, "2026-03-29T22:00:00Z", "2026-03-29T22:00Z", "2026-03-30T22:00Z" },
        { "Europe/Berlin", PeriodKind.Weekly, "2026-03-29T12:00:00Z", "2026-03-22T23:00Z", "2026-03-29T22:00Z" },
        { "Europe/Berlin", PeriodKind.Weekly, "2026-03-23T00:00:00+01:00", "2026-03-22T23:00Z", "2026-03-29T22:00Z" },
        // Berlin, fall back on 25 October 2026 (03:00 CEST -> 02:00 CET): a 25-hour day and a 169-hour week.
        { "Europe/Berlin", PeriodKind.Daily, "2026-10-25T00:30:00Z", "2026-10-24T22:00Z", "2026-10-25T23:00Z" },
        { "Europe/Berlin", PeriodKind.Daily, "2026-10-25T01:30:00Z", "2026-10-24T22:00Z", "2026-10-25T23:00Z" },
        { "Europe/Berlin", PeriodKind.Daily, "2026-10-25T22:59:59Z", "2026-10-24T22:00Z", "2026-10-25T23:00Z" },
        { "Europe/Berlin", PeriodKind.Weekly, "2026-10-25T12:00:00Z", "2026-10-18T22:00Z", "2026-10-25T23:00Z" },
        // Berlin months start at local midnight on the 1st, in CET or CEST.
        { "Europe/Berlin", PeriodKind.Monthly, "2026-03-15T12:00:00Z", "2026-02-28T23:00Z", "2026-03-31T22:00Z" },
        { "Europe/Berlin", PeriodKind.Monthly, "2026-02-28T23:00:00Z", "2026-02-28T23:00Z", "2026-03-31T22:00Z" },
        { "Europe/Berlin", PeriodKind.Monthly, "2026-03-31T21:59:59Z", "2026-02-28T23:00Z", "2026-03-31T22:00Z" },
        { "Europe/Berlin", PeriodKind.Monthly, "2026-03-31T22:00:00Z", "2026-03-31T22:00Z", "2026-04-30T22:00Z" },
        { "Europe/Berlin", PeriodKind.Monthly, "2026-10-31T23:30:00Z", "2026-10-31T23:00Z", "2026-11-30T23:00Z" },
        // New York, 8 March 2026 (23 hours) and 1 November 2026 (25 hours, 01:00-02:00 twice).
        { "America/New_York", PeriodKind.Daily, "2026-03-08T12:00:00Z", "2026-03-08T05:00Z", "2026-03-09T04:00Z" },
        { "America/New_York", PeriodKind.Daily, "2026-03-08T04:59:59Z", "2026-03-07T05:00Z", "2026-03-08T05:00Z" },
        { "America/New_York", PeriodKind.Daily, "2026-11-01T05:30:00Z", "2026-11-01T04:00Z", "2026-11-02T05:00Z" },
        { "America/New_York", PeriodKind.Daily, "2026-11-01T06:30:00Z", "2026-11-01T04:00Z", "2026-11-02T05:00Z" },
        { "America/New_York", PeriodKind.Daily, "2026-11-02T04:59:59Z", "2026-11-01T04:00Z", "2026-11-02T05:00Z" },
        // Kolkata, +05:30 all year.
        { "Asia/Kolkata", PeriodKind.Daily, "2026-11-18T12:00:00Z", "2026-11-17T18:30Z", "2026-11-18T18:30Z" },
        { "Asia/Kolkata", PeriodKind.Daily, "2026-11-18T18:30:00Z", "2026-11-18T18:30Z", "2026-11-19T18:30Z" },
        { "Asia/Kolkata", PeriodKind.Weekly, "2026-11-22T19:00:00Z", "2026-11-22T18:30Z", "2026-11-29T18:30Z" },
        // Lord Howe moves its clocks by 30 minutes: days of 24.5 and 23.5 hours.
        { "Australia/Lord_Howe", PeriodKind.Daily, "2026-04-04T20:00:00Z", "2026-04-04T13:00Z", "2026-04-05T13:30Z" },
        { "Australia/Lord_Howe", PeriodKind.Daily, "2026-10-03T20:00:00Z", "2026-10-03T13:30Z", "2026-10-04T13:00Z" },
        // Santiago springs forward at midnight on 6 September 2026: 00:00-01:00 does not exist, the day starts at
        // 01:00 -03 and lasts 23 hours. On 4 April 2026 it falls back at 24:00, so 23:00-24:00 repeats (25 hours).
        { "America/Santiago", PeriodKind.Daily, "2026-09-06T04:00:00Z", "2026-09-06T04:00Z", "2026-09-07T03:00Z" },
        { "America/Santiago", PeriodKind.Daily, "2026-09-06T12:00:00Z", "2026-09-06T04:00Z", "2026-09-07T03:00Z" },
        { "America/Santiago", PeriodKind.Daily, "2026-09-06T03:59:59Z", "2026-09-05T04:00Z", "2026-09-06T04:00Z" },
        { "America/Santiago", PeriodKind.Daily, "2026-04-04T12:00:00Z", "2026-04-04T03:00Z", "2026-04-05T04:00Z" },
        { "America/Santiago", PeriodKind.Daily, "2026-04-05T03:30:00Z", "2026-04-04T03:00Z", "2026-04-05T04:00Z" },
        { "America/Santiago", PeriodKind.Weekly, "2026-09-06T12:00:00Z", "2026-08-31T04:00Z", "2026-09-07T03:00Z" },
        { "America/Santiago", PeriodKind.Monthly, "2026-09-06T12:00:00Z", "2026-09-01T04:00Z", "2026-10-01T03:00Z" },
        // Havana springs forward at midnight on 8 March 2026 and falls back over midnight on 1 November 2026:
        // 00:00-01:00 happens twice and the day starts at the earlier midnight (CDT).
        { "America/Havana", PeriodKind.Daily, "2026-03-08T12:00:00Z", "2026-03-08T05:00Z", "2026-03-09T04:00Z" },
        { "America/Havana", PeriodKind.Daily, "2026-03-08T04:59:59Z", "2026-03-07T05:00Z", "2026-03-08T05:00Z" },
        { "America/Havana", PeriodKind.Weekly, "2026-03-08T12:00:00Z", "2026-03-02T05:00Z", "2026-03-09T04:00Z" },
        { "America/Havana", PeriodKind.Daily, "2026-11-01T04:00:00Z", "2026-11-01T04:00Z", "2026-11-02T05:00Z" },
        { "America/Havana", PeriodKind.Daily, "2026-11-01T05:30:00Z", "2026-11-01T04:00Z", "2026-11-02T05:00Z" },
        { "America/Havana", PeriodKind.Daily, "2026-11-01T03:59:59Z", "2026-10-31T04:00Z", "2026-11-01T04:00Z" },
        { "America/Havana", PeriodKind.Monthly, "2020-11-15T12:00:00Z", "2020-11-01T04:00Z", "2020-12-01T05:00Z" },
        // Asuncion sprang forward at midnight on Sunday 1 October 2023: the month starts at 01:00 -03.
        { "America/Asuncion", PeriodKind.Monthly, "2023-10-01T04:00:00Z", "2023-10-01T04:00Z", "2023-11-01T03:00Z" },
        { "America/Asuncion", PeriodKind.Monthly, "2023-10-01T03:59:59Z", "2023-09-01T04:00Z", "2023-10-01T04:00Z" },
        // St. John's fell back at 00:01 NDT on 29 October 2006, to 23:01 NST on the 28th: the 29th had begun, so the
        // repeated hour of the 28th belongs to the 29th.
        { "America/St_Johns", PeriodKind.Daily, "2006-10-29T02:45:00Z", "2006-10-29T02:30Z", "2006-10-30T03:30Z" },
        { "America/St_Johns", PeriodKind.Daily, "2006-10-29T02:30:30Z", "2006-10-29T02:30Z", "2006-10-30T03:30Z" },
        { "America/St_Johns", PeriodKind.Daily, "2006-10-29T02:29:59Z", "2006-10-28T02:30Z", "2006-10-29T02:30Z" },
    };

    [Theory]
    [MemberData(nameof(Intervals))]
    public void Period_containing_an_instant_runs_from_local_midnight_to_local_midnight(string zone, PeriodKind kind, string instant, string start, string end)
    {
        var interval = WindowCalendar.Containing(Period(kind), Zone(zone), At(instant));

        Assert.Equal(new TimeInterval(At(start), At(end)), interval);
        Assert.Equal(TimeSpan.Zero, interval.Start.Offset);
        Assert.Equal(TimeSpan.Zero, interval.End!.Value.Offset);
    }

    [Theory]
    [MemberData(nameof(Intervals))]
    public void Interval_includes_its_start_and_excludes_its_end(string zone, PeriodKind kind, string instant, string start, string end)
    {
        var interval = WindowCalendar.Containing(Period(kind), Zone(zone), At(instant));

        Assert.True(interval.Contains(At(instant)));
        Assert.True(interval.Contains(At(start)));
        Assert.False(interval.Contains(At(start).AddTicks(-1)));
        Assert.False(interval.Contains(At(end)));
        Assert.True(interval.Contains(At(end).AddTicks(-1)));
    }

    [Theory]
    [MemberData(nameof(Intervals))]
    public void Instant_on_a_boundary_belongs_to_the_next_period(string zone, PeriodKind kind, string instant, string start, string end)
    {
        var period = Period(kind);
        var current = WindowCalendar.Containing(period, Zone(zone), At(instant));

        Assert.Equal(At(end), WindowCalendar.Containing(period, Zone(zone), At(end)).Start);
        Assert.Equal(At(start), WindowCalendar.Containing(period, Zone(zone), At(start).AddTicks(-1)).End);
        Assert.Equal(At(end), WindowCalendar.Next(period, Zone(zone), current).Start);
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-29T12:00:00Z", 23)]
    [InlineData("Europe/Berlin", "2026-10-25T12:00:00Z", 25)]
    [InlineData("Europe/Berlin", "2026-07-01T12:00:00Z", 24)]
    [InlineData("America/Santiago", "2026-09-05T12:00:00Z", 24)]
    [InlineData("America/Santiago", "2026-09-06T12:00:00Z", 23)]
    [InlineData("America/Havana", "2026-11-01T12:00:00Z", 25)]
    public void A_day_lasts_as_many_hours_as_the_local_clock_shows(string zone, string instant, int hours)
    {
        var day = WindowCalendar.Containing(WindowPeriod.Daily, Zone(zone), At(instant));

        Assert.Equal(TimeSpan.FromHours(hours), day.End - day.Start);
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-29T12:00:00Z", 167)]
    [InlineData("Europe/Berlin", "2026-10-25T12:00:00Z", 169)]
    public void A_week_across_a_dst_change_is_an_hour_short_or_long(string zone, string instant, int hours)
    {
        var week = WindowCalendar.Containing(WindowPeriod.Weekly, Zone(zone), At(instant));

        Assert.Equal(TimeSpan.FromHours(hours), week.End - week.Start);
    }

    [Theory]
    [InlineData("2026-11-18T12:00:00Z")]
    [InlineData("1970-01-01T00:00:00Z")]
    [InlineData("2199-12-31T23:59:59Z")]
    public void Total_period_starts_at_the_epoch_and_never_ends(string instant)
    {
        var interval = WindowCalendar.Containing(WindowPeriod.Total, Zone("Europe/Berlin"), At(instant));

        Assert.Equal(new TimeInterval(DateTimeOffset.UnixEpoch, null), interval);
        Assert.Equal(interval, WindowCalendar.Next(WindowPeriod.Total, Zone("Europe/Berlin"), interval));
    }

    [Fact]
    public void A_missing_zone_or_an_open_current_period_is_a_caller_bug()
    {
        var instant = At("2026-11-18T12:00:00Z");

        Assert.Throws<ArgumentNullException>(() => WindowCalendar.Containing(WindowPeriod.Daily, null!, instant));
        Assert.Throws<ArgumentException>(() => WindowCalendar.Next(WindowPeriod.Daily, TimeZoneInfo.Utc, new TimeInterval(instant, null)));
    }
}
