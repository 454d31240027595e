using Billing.Domain.Budgets;
using Billing.Domain.Ledger;
using Billing.Domain.Reports;
using Billing.Domain.Usage;
using Billing.Tests.Infrastructure;
using static Billing.Tests.Domain.LedgerRun;

namespace Billing.Tests.Domain;

public sealed class UsageReportTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static HourBucket Hour(string isoUtc, params UsageEvent[] events) =>
        new(At(isoUtc), events.Aggregate(UsageBreakdown.Empty, (sum, e) => sum.Add(e)));

    private static UsageEvent Call(decimal cost, string model = "gpt-4o", string? provider = "openai") =>
        new UsageEventBuilder().WithCost(cost).WithModel(model, provider).Build();

    private static TimeInterval Range(string from, string to) => new(At(from), At(to));

    [Fact]
    public void Totals_are_the_exact_sum_of_the_hours_that_start_in_the_range()
    {
        HourBucket[] rows = [Hour("2026-11-18T09:00Z", Call(9m)), Hour("2026-11-18T10:00Z", Call(0.000000001m)), Hour("2026-11-18T11:00Z", Call(0.123456789m))];
        var latest = Hour("2026-11-18T12:00Z", Call(5m));

        var report = UsageReport.Of(Range("2026-11-18T10:00Z", "2026-11-18T12:00Z"), rows, latest, ReportGrouping.Day, TimeZoneInfo.Utc);

        Assert.Equal(123_456_790, report.Totals.SpentNanos);
        Assert.Equal(2, report.Totals.Requests);
    }

    [Fact]
    public void The_latest_hour_counts_once_and_a_row_of_the_same_hour_wins()
    {
        var latest = Hour("2026-11-18T12:00Z", Call(1m));
        var row = Hour("2026-11-18T12:00Z", Call(1m), Call(2m));

        var alone = UsageReport.Of(Range("2026-11-18T00:00Z", "2026-11-19T00:00Z"), [], latest, ReportGrouping.Day, TimeZoneInfo.Utc);
        var both = UsageReport.Of(Range("2026-11-18T00:00Z", "2026-11-19T00:00Z"), [row], latest, ReportGrouping.Day, TimeZoneInfo.Utc);

        Assert.Equal(1_000_000_000, alone.Totals.SpentNanos);
        Assert.Equal(3_000_000_000, both.Totals.SpentNanos);
    }

    [Fact]
    public void Days_are_local_days_of_23_and_25_hours_across_the_DST_changes()
    {
        HourBucket[] rows =
        [
            Hour("2026-03-28T22:59Z", Call(1m)), Hour("2026-03-28T23:00Z", Call(2m)), Hour("2026-03-29T21:00Z", Call(3m)), Hour("2026-03-29T22:00Z", Call(4m)),
            Hour("2026-10-24T22:00Z", Call(5m)), Hour("2026-10-25T22:00Z", Call(6m)), Hour("2026-10-25T23:00Z", Call(7m)),
        ];

        var report = UsageReport.Of(Range("2026-03-01T00:00Z", "2026-11-01T00:00Z"), rows, null, ReportGrouping.Day, Berlin);

        Assert.Equal(["2026-03-28", "2026-03-29", "2026-03-30", "2026-10-25", "2026-10-26"], report.Groups.Select(g => g.Key));
        var spring = report.Groups[1];
        Assert.Equal((At("2026-03-28T23:00Z"), At("2026-03-29T22:00Z")), (spring.Start!.Value, spring.End!.Value));
        Assert.Equal(5_000_000_000, spring.Counters.SpentNanos);
        var autumn = report.Groups[3];
        Assert.Equal(TimeSpan.FromHours(25), autumn.End - autumn.Start);
        Assert.Equal(11_000_000_000, autumn.Counters.SpentNanos);
        Assert.Equal(report.Totals, report.Groups.Aggregate(UsageCounters.Zero, (sum, g) => sum + g.Counters));
    }

    [Fact]
    public void In_a_half_hour_zone_the_hour_across_local_midnight_counts_on_the_day_it_starts()
    {
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        var report = UsageReport.Of(Range("2026-11-01T00:00Z", "2026-11-30T00:00Z"), [Hour("2026-11-18T18:00Z", Call(1m))], null, ReportGrouping.Day, kolkata);

        Assert.Equal("2026-11-18", Assert.Single(report.Groups).Key);
    }

    [Fact]
    public void Models_and_providers_are_grouped_by_spend_with_unknown_providers_named()
    {
        HourBucket[] rows =
        [
            Hour("2026-11-18T10:00Z", Call(1m, "gpt-4o"), Call(4m, "claude-3", "anthropic"), Call(2m, "local", null)),
            Hour("2026-11-18T11:00Z", Call(3m, "gpt-4o-mini"), Call(0.5m, "gpt-4o")),
        ];
        var range = Range("2026-11-18T00:00Z", "2026-11-19T00:00Z");

        var models = UsageReport.Of(range, rows, null, ReportGrouping.Model, TimeZoneInfo.Utc);
        var providers = UsageReport.Of(range, rows, null, ReportGrouping.Provider, TimeZoneInfo.Utc);

        Assert.Equal(["claude-3", "gpt-4o-mini", "local", "gpt-4o"], models.Groups.Select(g => g.Key));
        Assert.Equal(1_500_000_000, models.Groups[3].Counters.SpentNanos);
        Assert.Equal([("openai", 4.5m), ("anthropic", 4m), (UsageReport.UnknownProvider, 2m)],
            providers.Groups.Select(g => (g.Key, Billing.Domain.Money.MoneyUnits.FromNanos(g.Counters.SpentNanos))));
        Assert.All([models, providers], r => Assert.Null(r.Groups[0].Start));
        Assert.False(models.ModelsFolded);
    }

    [Fact]
    public void Models_folded_in_a_roll_up_are_reported_as_other_and_flagged()
    {
        var many = Enumerable.Range(0, UsageBreakdown.MaxModels + 2).Select(i => Call(1m, $"m{i:00}")).ToArray();

        var report = UsageReport.Of(Range("2026-11-18T00:00Z", "2026-11-19T00:00Z"), [Hour("2026-11-18T10:00Z", many)], null, ReportGrouping.Provider, TimeZoneInfo.Utc);

        Assert.True(report.ModelsFolded);
        Assert.Equal([("openai", (long)UsageBreakdown.MaxModels), (UsageBreakdown.OtherModels, 2L)], report.Groups.Select(g => (g.Key, g.Counters.Requests)));
    }

    [Fact]
    public void Failures_and_cache_hits_add_up()
    {
        var failed = new UsageEventBuilder().Failed().Build();
        var cached = new UsageEventBuilder().CacheHit().Build();

        var report = UsageReport.Of(Range("2026-11-18T00:00Z", "2026-11-19T00:00Z"), [Hour("2026-11-18T10:00Z", failed, cached, Call(1m))], null, ReportGrouping.Model, TimeZoneInfo.Utc);

        Assert.Equal((3L, 1L, 1L), (report.Totals.Requests, report.Totals.Failures, report.Totals.CacheHits));
        Assert.Equal((1L, 1L), (report.Groups[0].Counters.Failures, report.Groups[0].Counters.CacheHits));
    }

    [Theory]
    [InlineData("2026-11-22T12:00Z", "2026-10-31T23:00Z")]
    [InlineData("2026-10-31T23:00Z", "2026-09-30T22:00Z")]
    [InlineData("2026-11-01T00:00Z", "2026-10-31T23:00Z")]
    public void A_report_starts_by_default_at_the_local_month_up_to_its_end(string to, string from)
    {
        Assert.Equal(At(from), UsageReport.DefaultFrom(Berlin, At(to)));
    }

    [Fact]
    public void A_local_date_starts_at_local_midnight()
    {
        Assert.Equal(At("2026-03-28T23:00Z"), UsageReport.StartOfDay(Berlin, new DateOnly(2026, 3, 29)));
        Assert.Equal(At("2026-03-29T22:00Z"), UsageReport.StartOfDay(Berlin, new DateOnly(2026, 3, 30)));
    }
}
