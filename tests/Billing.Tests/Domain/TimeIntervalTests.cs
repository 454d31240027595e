using System.Globalization;
using Billing.Domain.Budgets;

namespace Billing.Tests.Domain;

public sealed class TimeIntervalTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [Fact]
    public void Start_and_end_are_held_in_utc()
    {
        var interval = new TimeInterval(At("2026-03-29T00:00:00+01:00"), At("2026-03-30T00:00:00+02:00"));

        Assert.Equal(TimeSpan.Zero, interval.Start.Offset);
        Assert.Equal(TimeSpan.Zero, interval.End!.Value.Offset);
        Assert.Equal(new TimeInterval(At("2026-03-28T23:00Z"), At("2026-03-29T22:00Z")), interval);
    }

    [Theory]
    [InlineData("2026-03-28T23:00:00Z", true)]
    [InlineData("2026-03-29T21:59:59.9999999Z", true)]
    [InlineData("2026-03-28T22:59:59.9999999Z", false)]
    [InlineData("2026-03-29T22:00:00Z", false)]
    public void Contains_its_start_but_not_its_end(string instant, bool contained)
    {
        var interval = new TimeInterval(At("2026-03-28T23:00Z"), At("2026-03-29T22:00Z"));

        Assert.Equal(contained, interval.Contains(At(instant)));
    }

    [Fact]
    public void Open_ended_interval_contains_everything_from_its_start()
    {
        var interval = new TimeInterval(DateTimeOffset.UnixEpoch, null);

        Assert.True(interval.Contains(DateTimeOffset.MaxValue));
        Assert.False(interval.Contains(DateTimeOffset.UnixEpoch.AddTicks(-1)));
    }

    [Theory]
    [InlineData("2026-03-28T23:00:00Z")]
    [InlineData("2026-03-28T22:00:00Z")]
    public void An_end_not_after_the_start_is_a_caller_bug(string end)
    {
        Assert.Throws<ArgumentException>(() => new TimeInterval(At("2026-03-28T23:00Z"), At(end)));
    }
}
