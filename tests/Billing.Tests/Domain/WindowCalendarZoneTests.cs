using System.Globalization;
using Billing.Domain.Budgets;

namespace Billing.Tests.Domain;

public sealed class WindowCalendarZoneTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    // Rows copied from BudgetCalendarTests.
    public static TheoryData<BudgetPeriod, string, string, string> UtcIntervals => new()
    {
        { BudgetPeriod.Daily, "2026-11-18T13:45:10Z", "2026-11-18T00:00Z", "2026-11-19T00:00Z" },
        { BudgetPeriod.Daily, "2026-11-18T01:00:00+02:00", "2026-11-17T00:00Z", "2026-11-18T00:00Z" },
        { BudgetPeriod.Daily, "2028-02-28T12:00:00Z", "2028-02-28T00:00Z", "2028-02-29T00:00Z" },
        { BudgetPeriod.Weekly, "2026-11-22T23:59:59Z", "2026-11-16T00:00Z", "2026-11-23T00:00Z" },
        { BudgetPeriod.Weekly, "2026-11-23T01:00:00+03:00", "2026-11-16T00:00Z", "2026-11-23T00:00Z" },
        { BudgetPeriod.Weekly, "2026-01-01T08:00:00Z", "2025-12-29T00:00Z", "2026-01-05T00:00Z" },
        { BudgetPeriod.Weekly, "2027-01-03T12:00:00Z", "2026-12-28T00:00Z", "2027-01-04T00:00Z" },
        { BudgetPeriod.Monthly, "2026-12-31T23:59:59Z", "2026-12-01T00:00Z", "2027-01-01T00:00Z" },
        { BudgetPeriod.Monthly, "2028-02-29T23:59:59Z", "2028-02-01T00:00Z", "2028-03-01T00:00Z" },
        { BudgetPeriod.Monthly, "2026-12-01T00:30:00+01:00", "2026-11-01T00:00Z", "2026-12-01T00:00Z" },
    };

    [Theory]
    [MemberData(nameof(UtcIntervals))]
    public void Utc_zone_gives_the_same_periods_as_the_utc_budget_calendar(BudgetPeriod old, string instant, string start, string end)
    {
        var period = old switch
        {
            BudgetPeriod.Daily => WindowPeriod.Daily,
            BudgetPeriod.Weekly => WindowPeriod.Weekly,
            _ => WindowPeriod.Monthly,
        };
        var expected = BudgetCalendar.Containing(old, At(instant));

        var interval = WindowCalendar.Containing(period, TimeZoneInfo.Utc, At(instant));

        Assert.Equal(new TimeInterval(At(start), At(end)), interval);
        Assert.Equal(new TimeInterval(expected.Start, expected.End), interval);
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("America/Santiago")]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    public void TryFindZone_finds_iana_zones_in_the_system_tz_database(string id)
    {
        Assert.True(WindowCalendar.TryFindZone(id, out var zone));
        Assert.Equal(id, zone.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Europe")]
    [InlineData("europe/berlin_")]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/localtime")]
    [InlineData("Europe/Berlin\0")]
    public void TryFindZone_rejects_unknown_ids(string? id)
    {
        Assert.False(WindowCalendar.TryFindZone(id, out var zone));
        Assert.Null(zone);
    }

    [Fact]
    public void Zones_load_under_invariant_globalization()
    {
        Assert.True(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant);

        Assert.True(WindowCalendar.TryFindZone("Europe/Berlin", out var berlin));
        Assert.Equal(TimeSpan.FromHours(2), berlin.GetUtcOffset(At("2026-07-01T00:00:00Z")));
    }
}
