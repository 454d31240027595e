using System.Globalization;
using Billing.Domain.Budgets;

namespace Billing.Tests.Domain;

public sealed class WindowPeriodTests
{
    private static readonly DateTimeOffset Anchor = DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture);

    public static TheoryData<string, PeriodKind> CalendarNames => new()
    {
        { "daily", PeriodKind.Daily },
        { "weekly", PeriodKind.Weekly },
        { "monthly", PeriodKind.Monthly },
        { "total", PeriodKind.Total },
    };

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void TryParse_reads_calendar_names_without_an_anchor(string name, PeriodKind kind)
    {
        Assert.True(WindowPeriod.TryParse(name, null, out var period, out var error));

        Assert.Null(error);
        Assert.Equal(kind, period.Kind);
        Assert.Equal(name, period.Name);
        Assert.Equal(name, PeriodKinds.Name(kind));
        Assert.Equal(default, period.Duration);
        Assert.Equal(default, period.Anchor);
    }

    [Theory]
    [InlineData("PT1H", "PT1H")]
    [InlineData("P1W", "P7D")]
    [InlineData("PT60M", "PT1H")]
    [InlineData("PT1M", "PT1M")]
    [InlineData("PT60S", "PT1M")]
    [InlineData("P1M", "P1M")]
    public void TryParse_reads_a_duration_with_its_anchor(string name, string canonical)
    {
        var anchor = DateTimeOffset.Parse("2026-01-01T05:30:00+05:30", CultureInfo.InvariantCulture);

        Assert.True(WindowPeriod.TryParse(name, anchor, out var period, out var error));

        Assert.Null(error);
        Assert.Equal(PeriodKind.Duration, period.Kind);
        Assert.Equal(canonical, period.Name);
        Assert.Equal(Anchor, period.Anchor);
        Assert.Equal(TimeSpan.Zero, period.Anchor.Offset);
    }

    public static TheoryData<string?, bool, string> Errors => new()
    {
        { null, false, "must be daily, weekly, monthly, total or an ISO-8601 duration such as PT1H or P7D" },
        { "", false, "must be daily, weekly, monthly, total or an ISO-8601 duration such as PT1H or P7D" },
        { "Daily", false, "must be daily, weekly, monthly, total or an ISO-8601 duration such as PT1H or P7D" },
        { "hourly", true, "must be daily, weekly, monthly, total or an ISO-8601 duration such as PT1H or P7D" },
        { "P1H", true, "must be daily, weekly, monthly, total or an ISO-8601 duration such as PT1H or P7D" },
        { "daily", true, "anchor applies only to ISO-8601 durations" },
        { "total", true, "anchor applies only to ISO-8601 durations" },
        { "PT1H", false, "an ISO-8601 duration needs an anchor" },
        { "PT59S", true, "must be at least one minute" },
        { "PT30S", false, "an ISO-8601 duration needs an anchor" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void TryParse_explains_what_is_wrong(string? name, bool withAnchor, string message)
    {
        Assert.False(WindowPeriod.TryParse(name, withAnchor ? Anchor : null, out var period, out var error));

        Assert.Equal(message, error);
        Assert.Equal(default, period);
    }

    [Fact]
    public void Calendar_names_come_from_the_one_name_table()
    {
        Assert.Equal("daily, weekly, monthly, total", PeriodKinds.CalendarNames);
        Assert.Throws<ArgumentOutOfRangeException>(() => PeriodKinds.Name(PeriodKind.Duration));
    }

    [Fact]
    public void Every_rejects_a_zero_or_sub_minute_duration()
    {
        Assert.True(IsoDuration.TryParse("PT59S", out var short_));

        Assert.Throws<ArgumentException>(() => WindowPeriod.Every(default, Anchor));
        Assert.Throws<ArgumentException>(() => WindowPeriod.Every(short_, Anchor));
    }

    [Fact]
    public void Periods_with_the_same_duration_and_anchor_instant_are_equal()
    {
        Assert.True(IsoDuration.TryParse("P1W", out var week));
        Assert.True(IsoDuration.TryParse("P7D", out var sevenDays));
        var sameInstant = Anchor.ToOffset(TimeSpan.FromHours(-5));

        Assert.Equal(WindowPeriod.Every(week, Anchor), WindowPeriod.Every(sevenDays, sameInstant));
        Assert.Equal("P7D from 2026-01-01T00:00:00.0000000+00:00", WindowPeriod.Every(week, sameInstant).ToString());
    }

    [Fact]
    public void Default_is_daily()
    {
        Assert.Equal(WindowPeriod.Daily, default);
        Assert.Equal("daily", default(WindowPeriod).Name);
    }
}
