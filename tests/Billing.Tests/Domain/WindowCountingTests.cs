using Billing.Domain.Budgets;
using Billing.Domain.Money;
using Billing.Tests.Infrastructure;
using static Billing.Tests.Domain.LedgerRun;

namespace Billing.Tests.Domain;

public sealed class WindowCountingTests
{
    private static LedgerRun Berlin(WindowPeriod period, IReadOnlyList<string>? models = null, BudgetMetric metric = BudgetMetric.Cost) =>
        new(new AccountBuilder().In("Europe/Berlin").WithBudget(1000m, period, "w", metric, models: models).Build());

    private static WindowPeriod Every(string duration, string anchor) =>
        WindowPeriod.Every(IsoDuration.TryParse(duration, out var d) ? d : throw new ArgumentException(duration), At(anchor));

    private static decimal Spent(LedgerRun run) => MoneyUnits.FromNanos(run.Window("w").Current!.Usage.Total.SpentNanos);

    public static TheoryData<string, string, string, string> Periods => new()
    {
        // period, event, span start, span end (all UTC)
        { "daily", "2026-11-22T22:30Z", "2026-11-21T23:00Z", "2026-11-22T23:00Z" },
        { "daily", "2026-11-22T23:30Z", "2026-11-22T23:00Z", "2026-11-23T23:00Z" },
        { "daily", "2026-03-28T22:59:59Z", "2026-03-27T23:00Z", "2026-03-28T23:00Z" },
        { "daily", "2026-03-28T23:00Z", "2026-03-28T23:00Z", "2026-03-29T22:00Z" },
        { "daily", "2026-03-29T21:59:59Z", "2026-03-28T23:00Z", "2026-03-29T22:00Z" },
        { "daily", "2026-03-29T22:00Z", "2026-03-29T22:00Z", "2026-03-30T22:00Z" },
        { "daily", "2026-10-24T22:00Z", "2026-10-24T22:00Z", "2026-10-25T23:00Z" },
        { "daily", "2026-10-25T22:59:59Z", "2026-10-24T22:00Z", "2026-10-25T23:00Z" },
        { "daily", "2026-10-25T23:00Z", "2026-10-25T23:00Z", "2026-10-26T23:00Z" },
        { "weekly", "2026-11-22T22:59:59Z", "2026-11-15T23:00Z", "2026-11-22T23:00Z" },
        { "weekly", "2026-11-22T23:30Z", "2026-11-22T23:00Z", "2026-11-29T23:00Z" },
        { "weekly", "2026-10-21T12:00Z", "2026-10-18T22:00Z", "2026-10-25T23:00Z" },
        { "weekly", "2026-12-31T23:30Z", "2026-12-27T23:00Z", "2027-01-03T23:00Z" },
        { "monthly", "2026-10-31T22:59:59Z", "2026-09-30T22:00Z", "2026-10-31T23:00Z" },
        { "monthly", "2026-10-31T23:30Z", "2026-10-31T23:00Z", "2026-11-30T23:00Z" },
        { "monthly", "2026-03-15T12:00Z", "2026-02-28T23:00Z", "2026-03-31T22:00Z" },
    };

    [Theory]
    [MemberData(nameof(Periods))]
    public void Calendar_windows_count_events_by_the_local_period_of_the_zone(string period, string at, string start, string end)
    {
        var run = Berlin(WindowPeriod.TryParse(period, null, out var p, out _) ? p : default).Spend(at, 1m);

        var span = run.Window("w").Current!;

        Assert.Equal(new TimeInterval(At(start), At(end)), span.Period);
        Assert.Equal(1m, Spent(run));
    }

    [Fact]
    public void Event_just_after_local_midnight_starts_the_next_day()
    {
        var run = Berlin(WindowPeriod.Daily).Spend("2026-11-22T22:30Z", 1m).Spend("2026-11-22T23:30Z", 2m);

        Assert.Equal(2m, Spent(run));
        Assert.Equal(1m, MoneyUnits.FromNanos(run.Window("w").Previous!.Usage.Total.SpentNanos));
    }

    [Fact]
    public void The_short_spring_day_counts_its_23_hours()
    {
        var run = Berlin(WindowPeriod.Daily)
            .Apply(Event("2026-03-28T23:00Z", 1m), Event("2026-03-29T01:30Z", 2m), Event("2026-03-29T21:59:59Z", 4m));

        Assert.Equal(7m, Spent(run));
        Assert.Equal(TimeSpan.FromHours(23), run.Window("w").Current!.End - run.Window("w").Current!.Start);
    }

    [Fact]
    public void The_long_autumn_day_counts_its_25_hours()
    {
        var run = Berlin(WindowPeriod.Daily)
            .Apply(Event("2026-10-24T22:00Z", 1m), Event("2026-10-25T00:30Z", 2m), Event("2026-10-25T01:30Z", 4m), Event("2026-10-25T22:59Z", 8m));

        Assert.Equal(15m, Spent(run));
        Assert.Equal(TimeSpan.FromHours(25), run.Window("w").Current!.End - run.Window("w").Current!.Start);
    }

    [Fact]
    public void Total_window_counts_everything_and_never_ends()
    {
        var run = Berlin(WindowPeriod.Total).Spend("2020-01-01T00:00Z", 1m).Spend("2026-11-18T12:00Z", 2m);

        Assert.Equal(3m, Spent(run));
        Assert.Equal(DateTimeOffset.UnixEpoch, run.Window("w").Current!.Start);
        Assert.Null(run.Window("w").Current!.End);
    }

    public static TheoryData<string, string, string, string, string> Durations => new()
    {
        // duration, anchor, event, span start, span end
        { "PT1H", "2026-11-18T00:30Z", "2026-11-18T10:15Z", "2026-11-18T09:30Z", "2026-11-18T10:30Z" },
        { "PT1H", "2026-11-18T00:30Z", "2026-11-18T10:30Z", "2026-11-18T10:30Z", "2026-11-18T11:30Z" },
        { "PT1H", "2026-11-18T00:30Z", "2026-10-25T01:45Z", "2026-10-25T01:30Z", "2026-10-25T02:30Z" },
        { "P7D", "2026-11-18T06:00Z", "2026-11-30T00:00Z", "2026-11-25T06:00Z", "2026-12-02T06:00Z" },
        { "P7D", "2026-11-18T06:00Z", "2026-11-18T05:59:59Z", "2026-11-11T06:00Z", "2026-11-18T06:00Z" },
        { "P7D", "2026-11-18T06:00Z", "2026-03-29T12:00Z", "2026-03-25T06:00Z", "2026-04-01T06:00Z" },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void Duration_windows_repeat_from_their_anchor_whatever_the_zone(string duration, string anchor, string at, string start, string end)
    {
        var run = Berlin(Every(duration, anchor)).Spend(at, 1m);

        Assert.Equal(new TimeInterval(At(start), At(end)), run.Window("w").Current!.Period);
    }

    [Fact]
    public void Hourly_window_moves_on_each_hour_from_its_anchor()
    {
        var run = Berlin(Every("PT1H", "2026-11-18T00:30Z")).Spend("2026-11-18T10:29Z", 1m).Spend("2026-11-18T10:31Z", 2m).Spend("2026-11-18T11:29Z", 4m);

        Assert.Equal(6m, Spent(run));
        Assert.Equal(1m, MoneyUnits.FromNanos(run.Window("w").Previous!.Usage.Total.SpentNanos));
    }

    [Fact]
    public void Model_filtered_window_counts_only_its_models_whatever_their_case()
    {
        var run = Berlin(WindowPeriod.Daily, models: ["GPT-4o", "claude-3-opus"])
            .Apply(Event("2026-11-18T10:00Z", 1m, "gpt-4o"), Event("2026-11-18T10:01Z", 2m, "Claude-3-Opus"), Event("2026-11-18T10:02Z", 4m, "gpt-4o-mini"));

        Assert.Equal(3m, Spent(run));
        Assert.Equal(2, run.Window("w").Current!.Usage.Total.Requests);
        Assert.DoesNotContain(run.Window("w").Current!.Usage.Models, m => m.Model == "gpt-4o-mini");
    }

    [Fact]
    public void Model_filtered_window_is_untouched_by_other_models()
    {
        var run = Berlin(WindowPeriod.Daily, models: ["gpt-4o"]).Spend("2026-11-18T10:00Z", 1m, "mistral-large");

        Assert.Null(run.Window("w").Current);
        Assert.Equal(1, run.Ledger.Lifetime.Requests);
    }

    [Fact]
    public void Tokens_window_uses_prompt_plus_completion_tokens()
    {
        var account = new AccountBuilder().WithBudget(1000m, WindowPeriod.Daily, "w", BudgetMetric.Tokens).Build();
        var run = new LedgerRun(account).Apply(
            new UsageEventBuilder().WithTokens(300, 50, cached: 200, reasoning: 40).Build(),
            new UsageEventBuilder().WithTokens(100, 20).Build());

        var window = account.Window("w")!;

        Assert.Equal(470m, window.Used(run.Window("w").Current!.Usage.Total));
    }

    [Fact]
    public void Requests_window_counts_calls_including_failed_and_free_ones()
    {
        var account = new AccountBuilder().WithBudget(10m, WindowPeriod.Daily, "w", BudgetMetric.Requests).Build();
        var run = new LedgerRun(account).Apply(
            new UsageEventBuilder().Build(), new UsageEventBuilder().Failed().Build(), new UsageEventBuilder().CacheHit().Build());

        Assert.Equal(3m, account.Window("w")!.Used(run.Window("w").Current!.Usage.Total));
    }
}
