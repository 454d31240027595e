using System.Globalization;
using Billing.Domain.Budgets;

namespace Billing.Tests.Domain;

public sealed class WindowCalendarDurationTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static WindowPeriod Every(string duration, string anchor)
    {
        Assert.True(IsoDuration.TryParse(duration, out var parsed));
        return WindowPeriod.Every(parsed, At(anchor));
    }

    public static TheoryData<string, string, string, string, string> Intervals => new()
    {
        // Hourly from New Year, before and after the anchor, and ten years on.
        { "PT1H", "2026-01-01T00:00:00Z", "2026-03-15T10:20:30Z", "2026-03-15T10:00Z", "2026-03-15T11:00Z" },
        { "PT1H", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00Z", "2026-01-01T01:00Z" },
        { "PT1H", "2026-01-01T00:00:00Z", "2025-12-31T23:59:59Z", "2025-12-31T23:00Z", "2026-01-01T00:00Z" },
        { "PT1H", "2026-01-01T00:00:00Z", "2036-07-04T12:34:56Z", "2036-07-04T12:00Z", "2036-07-04T13:00Z" },
        // Weeks from Tuesday 1 December 2026.
        { "P7D", "2026-12-01T00:00:00Z", "2026-12-10T05:00:00Z", "2026-12-08T00:00Z", "2026-12-15T00:00Z" },
        { "P7D", "2026-12-01T00:00:00Z", "2026-11-30T23:00:00Z", "2026-11-24T00:00Z", "2026-12-01T00:00Z" },
        { "P7D", "2026-12-01T00:00:00Z", "2026-11-24T00:00:00Z", "2026-11-24T00:00Z", "2026-12-01T00:00Z" },
        { "P7D", "2026-12-01T00:00:00Z", "2026-11-23T23:59:59Z", "2026-11-17T00:00Z", "2026-11-24T00:00Z" },
        { "P1W", "2026-12-01T00:00:00Z", "1999-12-31T23:59:59Z", "1999-12-28T00:00Z", "2000-01-04T00:00Z" },
        // Months from the 31st: each boundary is anchor.AddMonths(k), so March is back on the 31st.
        { "P1M", "2026-01-31T00:00:00Z", "2026-02-27T23:59:59Z", "2026-01-31T00:00Z", "2026-02-28T00:00Z" },
        { "P1M", "2026-01-31T00:00:00Z", "2026-02-28T00:00:00Z", "2026-02-28T00:00Z", "2026-03-31T00:00Z" },
        { "P1M", "2026-01-31T00:00:00Z", "2026-04-15T00:00:00Z", "2026-03-31T00:00Z", "2026-04-30T00:00Z" },
        { "P1M", "2026-01-31T00:00:00Z", "2025-12-31T12:00:00Z", "2025-12-31T00:00Z", "2026-01-31T00:00Z" },
        { "P1M", "2026-01-31T00:00:00Z", "2025-12-30T12:00:00Z", "2025-11-30T00:00Z", "2025-12-31T00:00Z" },
        { "P1M", "2026-01-31T00:00:00Z", "2040-02-29T12:00:00Z", "2040-02-29T00:00Z", "2040-03-31T00:00Z" },
        { "P1M", "2026-01-31T00:00:00Z", "1990-03-01T00:00:00Z", "1990-02-28T00:00Z", "1990-03-31T00:00Z" },
        { "P1Y", "2024-02-29T06:00:00Z", "2027-03-01T00:00:00Z", "2027-02-28T06:00Z", "2028-02-29T06:00Z" },
        { "P1M1D", "2026-01-01T00:00:00Z", "2026-03-02T12:00:00Z", "2026-02-02T00:00Z", "2026-03-03T00:00Z" },
        // Odd lengths and anchors.
        { "PT90M", "2026-01-01T00:17:23Z", "2026-01-01T05:00:00Z", "2026-01-01T04:47:23Z", "2026-01-01T06:17:23Z" },
        { "PT90M", "2026-01-01T00:17:23Z", "2025-12-31T23:00:00Z", "2025-12-31T22:47:23Z", "2026-01-01T00:17:23Z" },
        { "PT90M", "2026-01-01T00:17:23Z", "2041-05-17T09:00:00Z", "2041-05-17T07:47:23Z", "2041-05-17T09:17:23Z" },
        { "P1DT12H", "2026-01-01T00:00:00Z", "2026-01-03T11:00:00Z", "2026-01-02T12:00Z", "2026-01-04T00:00Z" },
        { "PT1H", "2026-01-01T00:30:00+05:45", "2026-01-01T00:00:00Z", "2025-12-31T23:45Z", "2026-01-01T00:45Z" },
    };

    [Theory]
    [MemberData(nameof(Intervals))]
    public void Duration_periods_repeat_whole_durations_from_the_anchor(string duration, string anchor, string instant, string start, string end)
    {
        var interval = WindowCalendar.Containing(Every(duration, anchor), TimeZoneInfo.Utc, At(instant));

        Assert.Equal(new TimeInterval(At(start), At(end)), interval);
        Assert.Equal(TimeSpan.Zero, interval.Start.Offset);
        Assert.Equal(TimeSpan.Zero, interval.End!.Value.Offset);
    }

    [Theory]
    [MemberData(nameof(Intervals))]
    public void Next_duration_period_starts_where_the_current_one_ends(string duration, string anchor, string instant, string start, string end)
    {
        var period = Every(duration, anchor);
        var current = WindowCalendar.Containing(period, TimeZoneInfo.Utc, At(instant));

        var next = WindowCalendar.Next(period, TimeZoneInfo.Utc, current);

        Assert.Equal(At(end), next.Start);
        Assert.Equal(next, WindowCalendar.Containing(period, TimeZoneInfo.Utc, At(end)));
        Assert.Equal(current, WindowCalendar.Containing(period, TimeZoneInfo.Utc, At(end).AddTicks(-1)));
        Assert.Equal(At(start), WindowCalendar.Containing(period, TimeZoneInfo.Utc, At(start).AddTicks(-1)).End);
    }

    [Fact]
    public void A_one_day_duration_is_24_hours_of_elapsed_time_whatever_the_zone()
    {
        var period = Every("P1D", "2026-03-28T23:00:00Z");

        var interval = WindowCalendar.Containing(period, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), At("2026-03-29T22:30:00Z"));

        // The local day of 29 March ends at 22:00Z after 23 hours; the duration period runs on to 23:00Z.
        Assert.Equal(new TimeInterval(At("2026-03-28T23:00Z"), At("2026-03-29T23:00Z")), interval);
    }

    [Theory]
    [InlineData("PT1M", "0001-01-02T00:00:00Z", "9999-12-30T23:59:30Z", "9999-12-30T23:59Z")]
    [InlineData("P1M", "0001-01-31T00:00:00Z", "9999-11-30T12:00:00Z", "9999-11-30T00:00Z")]
    [InlineData("P100Y", "2026-01-01T00:00:00Z", "0101-06-01T00:00:00Z", "0026-01-01T00:00Z")]
    public void Instants_millennia_from_the_anchor_are_found_exactly(string duration, string anchor, string instant, string start)
    {
        var interval = WindowCalendar.Containing(Every(duration, anchor), TimeZoneInfo.Utc, At(instant));

        Assert.Equal(At(start), interval.Start);
    }
}
