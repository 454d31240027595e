using System.Globalization;
using Billing.Domain.Budgets;
using Billing.Domain.Ledger;
using Billing.Domain.Usage;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Domain;

public sealed class SubjectLedgerApplyTests
{
    private static DateTimeOffset Day(string date) => DateTimeOffset.Parse(date + "T00:00:00Z", CultureInfo.InvariantCulture);

    private static UsageEvent Event(string at, decimal cost = 0.001m) =>
        new UsageEventBuilder().At(at).WithCost(cost).WithTokens(100, 20).Build();

    private static UsageCounters Counters(long nanos, long requests, long prompt, long completion, long cached = 0, long reasoning = 0) =>
        new(nanos, requests, new TokenCounts(prompt, completion, cached, reasoning));

    private static List<PeriodUsage> History(LedgerPosting posting) =>
        [.. posting.HistoryIncrements.OrderBy(h => h.Period).ThenBy(h => h.Start)];

    [Fact]
    public void Events_in_the_same_period_accumulate_in_every_granularity()
    {
        var events = new[]
        {
            new UsageEventBuilder().At("2026-11-18T09:00:00Z").WithCost(0.001m).WithTokens(100, 20, 60, 5).Build(),
            new UsageEventBuilder().At("2026-11-18T17:30:00Z").WithCost(0.00025395m).WithTokens(845, 212).Build(),
        };

        var posting = SubjectLedger.Empty.Apply(events);

        var expected = Counters(1_253_950, 2, 945, 232, 60, 5);
        Assert.Equal(new PeriodUsage(BudgetPeriod.Daily, Day("2026-11-18"), expected), posting.Ledger.Daily);
        Assert.Equal(new PeriodUsage(BudgetPeriod.Weekly, Day("2026-11-16"), expected), posting.Ledger.Weekly);
        Assert.Equal(new PeriodUsage(BudgetPeriod.Monthly, Day("2026-11-01"), expected), posting.Ledger.Monthly);
        Assert.Empty(posting.HistoryIncrements);
    }

    [Fact]
    public void Event_in_a_new_day_moves_the_old_day_into_history()
    {
        var ledger = SubjectLedger.Empty.Apply([Event("2026-11-18T12:00:00Z")]).Ledger;

        var posting = ledger.Apply([Event("2026-11-19T09:00:00Z", 0.002m)]);

        Assert.Equal(new PeriodUsage(BudgetPeriod.Daily, Day("2026-11-19"), Counters(2_000_000, 1, 100, 20)), posting.Ledger.Daily);
        Assert.Equal([new PeriodUsage(BudgetPeriod.Daily, Day("2026-11-18"), Counters(1_000_000, 1, 100, 20))], History(posting));
    }

    [Fact]
    public void Event_in_a_new_day_of_the_same_week_and_month_accumulates_there()
    {
        var ledger = SubjectLedger.Empty.Apply([Event("2026-11-18T12:00:00Z")]).Ledger;

        var posting = ledger.Apply([Event("2026-11-19T09:00:00Z", 0.002m)]);

        Assert.Equal(Counters(3_000_000, 2, 200, 40), posting.Ledger.Weekly.Counters);
        Assert.Equal(Counters(3_000_000, 2, 200, 40), posting.Ledger.Monthly.Counters);
    }

    [Fact]
    public void Event_on_a_monday_rolls_the_week_over()
    {
        var ledger = SubjectLedger.Empty.Apply([Event("2026-11-22T23:59:59Z")]).Ledger;

        var posting = ledger.Apply([Event("2026-11-23T00:00:00Z")]);

        Assert.Equal(new PeriodUsage(BudgetPeriod.Weekly, Day("2026-11-23"), Counters(1_000_000, 1, 100, 20)), posting.Ledger.Weekly);
        Assert.Equal(
            [
                new PeriodUsage(BudgetPeriod.Daily, Day("2026-11-22"), Counters(1_000_000, 1, 100, 20)),
                new PeriodUsage(BudgetPeriod.Weekly, Day("2026-11-16"), Counters(1_000_000, 1, 100, 20)),
            ],
            History(posting));
    }

    [Fact]
    public void Event_in_a_new_year_moves_day_week_and_month_into_history()
    {
        var ledger = SubjectLedger.Empty.Apply([Event("2026-12-31T23:00:00Z")]).Ledger;

        var posting = ledger.Apply([Event("2027-01-04T00:00:00Z")]);

        var old = Counters(1_000_000, 1, 100, 20);
        Assert.Equal(
            [
                new PeriodUsage(BudgetPeriod.Daily, Day("2026-12-31"), old),
                new PeriodUsage(BudgetPeriod.Weekly, Day("2026-12-28"), old),
                new PeriodUsage(BudgetPeriod.Monthly, Day("2026-12-01"), old),
            ],
            History(posting));
        Assert.Equal(Day("2027-01-01"), posting.Ledger.Monthly.Start);
    }

    [Fact]
    public void Late_event_goes_to_history_and_not_to_the_current_day()
    {
        var ledger = SubjectLedger.Empty.Apply([Event("2026-11-19T12:00:00Z")]).Ledger;

        var posting = ledger.Apply([Event("2026-11-17T08:00:00Z", 0.005m)]);

        Assert.Equal(ledger.Daily, posting.Ledger.Daily);
        Assert.Equal([new PeriodUsage(BudgetPeriod.Daily, Day("2026-11-17"), Counters(5_000_000, 1, 100, 20))], History(posting));
    }

    [Fact]
    public void Late_event_from_last_month_goes_to_the_old_month_not_the_current_one()
    {
        var ledger = SubjectLedger.Empty.Apply([Event("2026-12-02T12:00:00Z")]).Ledger;

        var posting = ledger.Apply([Event("2026-11-30T08:00:00Z", 0.005m)]);

        Assert.Equal(ledger.Monthly, posting.Ledger.Monthly);
        Assert.Contains(new PeriodUsage(BudgetPeriod.Monthly, Day("2026-11-01"), Counters(5_000_000, 1, 100, 20)), posting.HistoryIncrements);
    }

    [Fact]
    public void Late_events_for_the_same_old_day_are_summed_into_one_increment()
    {
        var ledger = SubjectLedger.Empty.Apply([Event("2026-11-19T12:00:00Z")]).Ledger;

        var posting = ledger.Apply([Event("2026-11-17T08:00:00Z", 0.005m), Event("2026-11-17T09:00:00Z", 0.001m)]);

        Assert.Equal([new PeriodUsage(BudgetPeriod.Daily, Day("2026-11-17"), Counters(6_000_000, 2, 200, 40))], History(posting));
    }

    [Fact]
    public void Events_in_a_batch_are_applied_in_time_order()
    {
        var posting = SubjectLedger.Empty.Apply([Event("2026-11-19T09:00:00Z", 0.002m), Event("2026-11-18T12:00:00Z")]);

        Assert.Equal(new PeriodUsage(BudgetPeriod.Daily, Day("2026-11-19"), Counters(2_000_000, 1, 100, 20)), posting.Ledger.Daily);
        Assert.Equal([new PeriodUsage(BudgetPeriod.Daily, Day("2026-11-18"), Counters(1_000_000, 1, 100, 20))], History(posting));
    }

    [Fact]
    public void First_event_on_an_empty_ledger_writes_no_history()
    {
        var posting = SubjectLedger.Empty.Apply([Event("2026-11-18T12:00:00Z")]);

        Assert.Empty(posting.HistoryIncrements);
    }

    [Fact]
    public void Failure_counts_a_request_and_its_tokens_but_costs_nothing()
    {
        var failure = new UsageEventBuilder().Failed().WithCost(0.5m).WithTokens(300, 0).Build();

        var posting = SubjectLedger.Empty.Apply([failure]);

        Assert.Equal(Counters(0, 1, 300, 0), posting.Ledger.Daily.Counters);
        Assert.Equal(Counters(0, 1, 300, 0), posting.Ledger.Lifetime);
    }

    [Fact]
    public void Cache_hit_counts_a_request_and_its_tokens_but_costs_nothing()
    {
        var hit = new UsageEventBuilder().CacheHit().WithCost(0.01m).WithTokens(412, 96).Build();

        var posting = SubjectLedger.Empty.Apply([hit]);

        Assert.Equal(Counters(0, 1, 412, 96), posting.Ledger.Daily.Counters);
        Assert.Equal(Counters(0, 1, 412, 96), posting.Ledger.Lifetime);
    }

    [Fact]
    public void Lifetime_sums_every_event_including_late_ones()
    {
        var ledger = SubjectLedger.Empty.Apply([Event("2026-11-18T12:00:00Z"), Event("2026-12-05T12:00:00Z", 0.002m)]).Ledger;

        var posting = ledger.Apply([Event("2026-10-01T00:00:00Z", 0.004m), new UsageEventBuilder().Failed().WithCost(0m).At("2026-12-05T13:00:00Z").Build()]);

        Assert.Equal(Counters(7_000_000, 4, 400, 80), posting.Ledger.Lifetime);
    }

    [Fact]
    public void Empty_batch_changes_nothing()
    {
        var ledger = SubjectLedger.Empty.Apply([Event("2026-11-18T12:00:00Z")]).Ledger;

        var posting = ledger.Apply([]);

        Assert.Equal(ledger, posting.Ledger);
        Assert.Empty(posting.HistoryIncrements);
    }
}
