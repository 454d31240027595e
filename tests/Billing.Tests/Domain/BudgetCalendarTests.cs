using System.Globalization;
using Billing.Domain.Budgets;

namespace Billing.Tests.Domain;

public sealed class BudgetCalendarTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static TheoryData<BudgetPeriod, string, string, string> Intervals => new()
    {
        // Daily: midnight to midnight UTC.
        { BudgetPeriod.Daily, "2026-11-18T13:45:10Z", "2026-11-18T00:00Z", "2026-11-19T00:00Z" },
        { BudgetPeriod.Daily, "2026-11-18T00:00:00Z", "2026-11-18T00:00Z", "2026-11-19T00:00Z" },
        { BudgetPeriod.Daily, "2026-11-18T23:59:59.999Z", "2026-11-18T00:00Z", "2026-11-19T00:00Z" },
        { BudgetPeriod.Daily, "2026-11-18T01:00:00+02:00", "2026-11-17T00:00Z", "2026-11-18T00:00Z" },
        { BudgetPeriod.Daily, "2026-12-31T23:00:00Z", "2026-12-31T00:00Z", "2027-01-01T00:00Z" },
        { BudgetPeriod.Daily, "2028-02-28T12:00:00Z", "2028-02-28T00:00Z", "2028-02-29T00:00Z" },
        // Weekly: ISO weeks, Monday 00:00 UTC.
        { BudgetPeriod.Weekly, "2026-11-18T12:00:00Z", "2026-11-16T00:00Z", "2026-11-23T00:00Z" },
        { BudgetPeriod.Weekly, "2026-11-16T00:00:00Z", "2026-11-16T00:00Z", "2026-11-23T00:00Z" },
        { BudgetPeriod.Weekly, "2026-11-22T23:59:59Z", "2026-11-16T00:00Z", "2026-11-23T00:00Z" },
        { BudgetPeriod.Weekly, "2026-11-23T00:00:00Z", "2026-11-23T00:00Z", "2026-11-30T00:00Z" },
        { BudgetPeriod.Weekly, "2026-11-23T01:00:00+03:00", "2026-11-16T00:00Z", "2026-11-23T00:00Z" },
        { BudgetPeriod.Weekly, "2026-01-01T08:00:00Z", "2025-12-29T00:00Z", "2026-01-05T00:00Z" },
        { BudgetPeriod.Weekly, "2027-01-03T12:00:00Z", "2026-12-28T00:00Z", "2027-01-04T00:00Z" },
        // Monthly: first of the month 00:00 UTC.
        { BudgetPeriod.Monthly, "2026-11-18T12:00:00Z", "2026-11-01T00:00Z", "2026-12-01T00:00Z" },
        { BudgetPeriod.Monthly, "2026-12-31T23:59:59Z", "2026-12-01T00:00Z", "2027-01-01T00:00Z" },
        { BudgetPeriod.Monthly, "2027-01-01T00:00:00Z", "2027-01-01T00:00Z", "2027-02-01T00:00Z" },
        { BudgetPeriod.Monthly, "2027-02-15T00:00:00Z", "2027-02-01T00:00Z", "2027-03-01T00:00Z" },
        { BudgetPeriod.Monthly, "2028-02-29T23:59:59Z", "2028-02-01T00:00Z", "2028-03-01T00:00Z" },
        { BudgetPeriod.Monthly, "2026-12-01T00:30:00+01:00", "2026-11-01T00:00Z", "2026-12-01T00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Intervals))]
    public void Period_containing_an_instant_starts_and_ends_on_utc_boundaries(BudgetPeriod period, string instant, string start, string end)
    {
        var interval = BudgetCalendar.Containing(period, At(instant));

        Assert.Equal(new PeriodInterval(period, At(start), At(end)), interval);
        Assert.Equal(TimeSpan.Zero, interval.Start.Offset);
    }

    [Theory]
    [MemberData(nameof(Intervals))]
    public void Interval_includes_its_start_and_excludes_its_end(BudgetPeriod period, string instant, string start, string end)
    {
        var interval = BudgetCalendar.Containing(period, At(instant));

        Assert.True(interval.Contains(At(instant)));
        Assert.True(interval.Contains(At(start)));
        Assert.False(interval.Contains(At(start).AddTicks(-1)));
        Assert.False(interval.Contains(At(end)));
        Assert.True(interval.Contains(At(end).AddTicks(-1)));
    }

    [Fact]
    public void Instant_on_a_boundary_belongs_to_the_next_period()
    {
        var boundary = At("2026-12-01T00:00:00Z");

        Assert.Equal(boundary, BudgetCalendar.Containing(BudgetPeriod.Monthly, boundary).Start);
        Assert.Equal(boundary, BudgetCalendar.Containing(BudgetPeriod.Monthly, boundary.AddTicks(-1)).End);
    }

    [Theory]
    [InlineData("2026-11-18T12:00:00Z")]
    [InlineData("1970-01-01T00:00:00Z")]
    [InlineData("2199-12-31T23:59:59Z")]
    public void Total_period_starts_at_the_epoch_and_never_ends(string instant)
    {
        var interval = BudgetCalendar.Containing(BudgetPeriod.Total, At(instant));

        Assert.Equal(new PeriodInterval(BudgetPeriod.Total, DateTimeOffset.UnixEpoch, null), interval);
        Assert.True(interval.Contains(At(instant)));
    }

    [Fact]
    public void StartOf_takes_epoch_seconds()
    {
        var sunday = At("2026-11-22T23:59:59Z").ToUnixTimeSeconds();

        Assert.Equal(At("2026-11-16T00:00Z"), BudgetCalendar.StartOf(BudgetPeriod.Weekly, sunday));
    }

    [Fact]
    public void Resetting_periods_exclude_total()
    {
        Assert.Equal(new[] { BudgetPeriod.Daily, BudgetPeriod.Weekly, BudgetPeriod.Monthly }, BudgetCalendar.Resetting);
    }

    [Fact]
    public void Unknown_period_is_a_caller_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BudgetCalendar.Containing((BudgetPeriod)42, At("2026-11-18T12:00:00Z")));
    }
}
