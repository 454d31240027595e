using System.Globalization;
using Billing.Domain.Budgets;

namespace Billing.Tests.Domain;

public sealed class IsoDurationTests
{
    public static TheoryData<string, int, int, int, string> Parsable => new()
    {
        { "PT1H", 0, 0, 0, "01:00:00" },
        { "PT30M", 0, 0, 0, "00:30:00" },
        { "PT90S", 0, 0, 0, "00:01:30" },
        { "PT36H", 0, 0, 0, "1.12:00:00" },
        { "P7D", 0, 0, 7, "00:00:00" },
        { "P1W", 0, 0, 7, "00:00:00" },
        { "P2W", 0, 0, 14, "00:00:00" },
        { "P1M", 0, 1, 0, "00:00:00" },
        { "P1Y", 1, 0, 0, "00:00:00" },
        { "P12M", 0, 12, 0, "00:00:00" },
        { "P1DT12H", 0, 0, 1, "12:00:00" },
        { "P1Y2M3DT4H5M6S", 1, 2, 3, "04:05:06" },
        { "P0DT1H", 0, 0, 0, "01:00:00" },
        { "PT01H", 0, 0, 0, "01:00:00" },
        { "P100Y", 100, 0, 0, "00:00:00" },
        { "P36524D", 0, 0, 36524, "00:00:00" },
    };

    [Theory]
    [MemberData(nameof(Parsable))]
    public void TryParse_reads_each_part(string text, int years, int months, int days, string time)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration));

        Assert.Equal(new IsoDuration(years, months, days, TimeSpan.Parse(time, CultureInfo.InvariantCulture)), duration);
    }

    [Theory]
    [InlineData("PT1H", "PT1H")]
    [InlineData("PT60M", "PT1H")]
    [InlineData("PT3600S", "PT1H")]
    [InlineData("PT90S", "PT1M30S")]
    [InlineData("PT90M", "PT1H30M")]
    [InlineData("PT36H", "PT36H")]
    [InlineData("PT86400S", "PT24H")]
    [InlineData("P1W", "P7D")]
    [InlineData("P2W", "P14D")]
    [InlineData("P12M", "P12M")]
    [InlineData("P1DT12H", "P1DT12H")]
    [InlineData("P1Y2M3DT4H5M6S", "P1Y2M3DT4H5M6S")]
    [InlineData("P0DT1H", "PT1H")]
    [InlineData("PT01H", "PT1H")]
    public void Canonical_text_round_trips_through_TryParse(string text, string canonical)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration));

        Assert.Equal(canonical, duration.ToString());
        Assert.True(IsoDuration.TryParse(duration.ToString(), out var again));
        Assert.Equal(duration, again);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("P1H")]
    [InlineData("1H")]
    [InlineData("T1H")]
    [InlineData("pt1h")]
    [InlineData("P1d")]
    [InlineData("PT0S")]
    [InlineData("P0D")]
    [InlineData("-PT1H")]
    [InlineData("P-1D")]
    [InlineData("PT+1H")]
    [InlineData("PT1.5H")]
    [InlineData("PT1,5H")]
    [InlineData("P1W1D")]
    [InlineData("P1D1M")]
    [InlineData("PT1M1H")]
    [InlineData("P1Y1Y")]
    [InlineData("PT1HT1M")]
    [InlineData("P1")]
    [InlineData("PD")]
    [InlineData(" PT1H")]
    [InlineData("PT1H ")]
    [InlineData("P1Y1W")]
    [InlineData("P101Y")]
    [InlineData("P99Y13M")]
    [InlineData("P36525D")]
    [InlineData("P5218W")]
    [InlineData("PT876600H")]
    [InlineData("PT99999999999S")]
    [InlineData("P99999999999999999999D")]
    [InlineData("PT１H")]
    public void TryParse_rejects_text_that_is_not_a_whole_positive_iso_duration(string? text)
    {
        Assert.False(IsoDuration.TryParse(text, out var duration));
        Assert.Equal(default, duration);
    }

    [Theory]
    [InlineData("PT1H", true, "01:00:00")]
    [InlineData("P1W", true, "7.00:00:00")]
    [InlineData("P1DT12H", true, "1.12:00:00")]
    [InlineData("P1M", false, null)]
    [InlineData("P1Y", false, null)]
    [InlineData("P1MT1H", false, null)]
    public void Only_durations_without_years_or_months_have_a_fixed_length(string text, bool isFixed, string? length)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration));

        Assert.Equal(isFixed, duration.IsFixedLength);
        Assert.Equal(length is null ? null : TimeSpan.Parse(length, CultureInfo.InvariantCulture), duration.FixedLength);
    }

    [Fact]
    public void Default_is_the_zero_duration()
    {
        Assert.True(default(IsoDuration).IsZero);
        Assert.Equal("PT0S", default(IsoDuration).ToString());
    }

    [Fact]
    public void Constructing_an_invalid_duration_is_a_caller_bug()
    {
        Assert.Throws<ArgumentException>(() => new IsoDuration(0, 0, -1, TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => new IsoDuration(0, 0, 0, TimeSpan.FromMilliseconds(1500)));
        Assert.Throws<ArgumentException>(() => new IsoDuration(101, 0, 0, TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => new IsoDuration(100, 0, 0, TimeSpan.FromSeconds(1)));
    }
}
