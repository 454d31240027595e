using Billing.Domain.Ledger;
using Billing.Domain.Money;
using Billing.Tests.Infrastructure;
using static Billing.Tests.Domain.LedgerRun;

namespace Billing.Tests.Domain;

public sealed class SubjectLedgerApplyTests
{
    private static LedgerRun Run() => new(new AccountBuilder().Build());

    [Fact]
    public void Lifetime_totals_are_exact_to_the_nano()
    {
        var run = Run().Spend("2026-11-18T10:00Z", 0.000000001m).Spend("2026-11-18T10:01Z", 0.123456789m).Spend("2026-11-18T10:02Z", 0.000000001m);

        Assert.Equal(MoneyUnits.ToNanos(0.123456791m), run.Ledger.Lifetime.SpentNanos);
        Assert.Equal(3, run.Ledger.Lifetime.Requests);
        Assert.Equal(360, run.Ledger.Lifetime.Tokens.Total);
    }

    [Fact]
    public void Failed_and_cached_calls_count_as_requests_but_cost_nothing()
    {
        var failed = new UsageEventBuilder().WithCost(2m).Failed().Build();
        var cached = new UsageEventBuilder().WithCost(3m).CacheHit().Build();

        var run = Run().Apply(failed, cached);

        Assert.Equal(0, run.Ledger.Lifetime.SpentNanos);
        Assert.Equal(2, run.Ledger.Lifetime.Requests);
    }

    [Fact]
    public void Every_event_yields_one_applied_marker()
    {
        var events = new[] { Event("2026-11-18T10:00Z", 1m), Event("2026-11-18T10:00Z", 1m), Event("2026-11-18T09:00Z", 1m) };

        var run = Run().Apply(events);

        Assert.Equal(events.Select(e => e.Id.Value).Order(), run.Last.OfType<UsageApplied>().Select(a => a.Event.Id.Value).Order());
    }

    [Fact]
    public void Events_of_the_same_hour_add_to_the_latest_hour()
    {
        var run = Run().Spend("2026-11-18T10:05Z", 1m).Spend("2026-11-18T10:55Z", 2m);

        Assert.Equal(At("2026-11-18T10:00Z"), run.Ledger.Hour!.Start);
        Assert.Equal(MoneyUnits.ToNanos(3m), run.Ledger.Hour.Usage.Total.SpentNanos);
        Assert.Empty(run.Entries.OfType<HourRolledUp>());
    }

    [Fact]
    public void A_later_hour_rolls_up_the_latest_hour_as_a_first_write()
    {
        var run = Run().Spend("2026-11-18T10:05Z", 1m).Spend("2026-11-18T10:55Z", 2m);
        var closed = run.Ledger.Hour;

        run.Spend("2026-11-18T13:00Z", 4m);

        var rolled = Assert.Single(run.Last.OfType<HourRolledUp>());
        Assert.Equal(new HourRolledUp(closed!, FirstWrite: true), rolled);
        Assert.Equal(At("2026-11-18T13:00Z"), run.Ledger.Hour!.Start);
        Assert.Equal(MoneyUnits.ToNanos(4m), run.Ledger.Hour.Usage.Total.SpentNanos);
    }

    [Fact]
    public void Late_events_roll_up_their_own_hours_merged_per_hour()
    {
        var run = Run().Spend("2026-11-18T13:00Z", 4m);

        run.Apply(Event("2026-11-18T11:10Z", 1m), Event("2026-11-18T09:59:59Z", 2m), Event("2026-11-18T11:50Z", 3m));

        var late = run.Last.OfType<HourRolledUp>().ToList();
        Assert.All(late, h => Assert.False(h.FirstWrite));
        Assert.Equal([At("2026-11-18T09:00Z"), At("2026-11-18T11:00Z")], late.Select(h => h.Bucket.Start));
        Assert.Equal([MoneyUnits.ToNanos(2m), MoneyUnits.ToNanos(4m)], late.Select(h => h.Bucket.Usage.Total.SpentNanos));
        Assert.Equal(At("2026-11-18T13:00Z"), run.Ledger.Hour!.Start);
        Assert.Equal(MoneyUnits.ToNanos(4m), run.Ledger.Hour.Usage.Total.SpentNanos);
    }

    [Fact]
    public void Events_are_applied_in_time_order_whatever_the_input_order()
    {
        var events = new[] { Event("2026-11-18T12:00Z", 3m), Event("2026-11-18T10:00Z", 1m), Event("2026-11-18T11:00Z", 2m) };

        var run = Run().Apply(events);

        Assert.Equal([At("2026-11-18T10:00Z"), At("2026-11-18T11:00Z"), At("2026-11-18T12:00Z")],
            run.Last.OfType<UsageApplied>().Select(a => a.Event.OccurredAt));
        var rolled = run.Last.OfType<HourRolledUp>().ToList();
        Assert.All(rolled, h => Assert.True(h.FirstWrite));
        Assert.Equal([At("2026-11-18T10:00Z"), At("2026-11-18T11:00Z")], rolled.Select(h => h.Bucket.Start));
        Assert.Equal(At("2026-11-18T12:00Z"), run.Ledger.Hour!.Start);
    }

    [Fact]
    public void Shuffled_input_gives_the_same_ledger_as_sorted_input()
    {
        var account = new AccountBuilder().In("Europe/Berlin").WithBudget(5m, Billing.Domain.Budgets.WindowPeriod.Daily).Build();
        var events = Enumerable.Range(0, 12).Select(i => Event($"2026-11-18T{i * 2:00}:30Z", 0.5m + i)).ToArray();

        var sorted = new LedgerRun(account).Apply(events);
        var shuffled = new LedgerRun(account).Apply([.. events.Reverse()]);

        Assert.Equal(sorted.Ledger, shuffled.Ledger);
        Assert.Equivalent(sorted.Last, shuffled.Last, strict: true);
    }

    [Fact]
    public void Hours_and_lifetime_agree_after_many_postings()
    {
        var run = Run();
        for (var i = 0; i < 30; i++) run.Spend($"2026-11-18T{(i * 7) % 24:00}:{i:00}Z", 0.000000003m * (i + 1));

        var hours = run.Entries.OfType<HourRolledUp>().Sum(h => h.Bucket.Usage.Total.SpentNanos) + run.Ledger.Hour!.Usage.Total.SpentNanos;

        Assert.Equal(run.Ledger.Lifetime.SpentNanos, hours);
        Assert.Equal(Enumerable.Range(1, 30).Sum(i => 3L * i), run.Ledger.Lifetime.SpentNanos);
    }

    [Fact]
    public void Without_an_account_only_lifetime_and_hours_count()
    {
        var posting = SubjectLedger.Empty.Apply(UsageEventBuilder.Team("acme"), null, [Event("2026-11-18T10:00Z", 1m)]);

        Assert.Empty(posting.Ledger.Windows);
        Assert.Equal(1, posting.Ledger.Lifetime.Requests);
        Assert.Single(posting.Entries);
    }
}
