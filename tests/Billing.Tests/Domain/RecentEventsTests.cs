using Billing.Domain.Ledger;
using Billing.Domain.Usage;
using Billing.Tests.Infrastructure;
using static Billing.Tests.Domain.LedgerRun;

namespace Billing.Tests.Domain;

public sealed class RecentEventsTests
{
    private static LedgerRun Run() => new(new AccountBuilder().Build());

    private static UsageEvent EventAt(DateTimeOffset at, string? id = null)
    {
        var builder = new UsageEventBuilder().At(at);
        return (id is null ? builder : builder.WithId(id)).Build();
    }

    private static readonly DateTimeOffset Noon = At("2026-11-18T12:00Z");

    [Fact]
    public void Applied_events_are_kept_newest_first()
    {
        var run = Run().Apply(EventAt(Noon.AddMinutes(1), "b"), EventAt(Noon.AddMinutes(3), "c")).Apply(EventAt(Noon.AddMinutes(2), "a"));

        Assert.Equal(["c", "a", "b"], run.Ledger.Recent.Events.Select(e => e.Id.Value));
    }

    [Fact]
    public void The_ring_keeps_the_fifty_latest_events()
    {
        var run = Run();
        for (var batch = 0; batch < 7; batch++)
            run.Apply([.. Enumerable.Range(0, 10).Select(i => EventAt(Noon.AddSeconds(batch * 10 + i), $"e{batch * 10 + i:00}"))]);

        Assert.Equal(RecentEvents.Capacity, run.Ledger.Recent.Events.Count);
        Assert.Equal(Enumerable.Range(20, 50).Reverse().Select(i => $"e{i:00}"), run.Ledger.Recent.Events.Select(e => e.Id.Value));
    }

    [Fact]
    public void A_late_event_older_than_a_full_ring_is_left_out_and_still_counted()
    {
        var run = Run().Apply([.. Enumerable.Range(0, RecentEvents.Capacity).Select(i => EventAt(Noon.AddSeconds(i)))]);
        var before = run.Ledger.Recent;

        run.Apply(EventAt(Noon.AddDays(-1), "late"));

        Assert.Equal(before, run.Ledger.Recent);
        Assert.Equal(RecentEvents.Capacity + 1, run.Ledger.Lifetime.Requests);
    }

    [Fact]
    public void The_ring_depends_on_the_events_not_on_their_order_or_batching()
    {
        var events = Enumerable.Range(0, 80).Select(i => EventAt(Noon.AddSeconds(i % 30), $"id-{i:00}")).ToList();

        var together = Run().Apply([.. events]);
        var reversed = Run();
        foreach (var chunk in events.AsEnumerable().Reverse().Chunk(7)) reversed.Apply(chunk);

        Assert.Equal(together.Ledger.Recent, reversed.Ledger.Recent);
        Assert.Equal(RecentEvents.Capacity, together.Ledger.Recent.Events.Count);
    }

    [Fact]
    public void An_event_already_in_the_ring_is_kept_once()
    {
        var usage = EventAt(Noon);

        var ring = RecentEvents.Empty.Add([usage]).Add([usage]);

        Assert.Single(ring.Events);
    }

    [Fact]
    public void An_entry_holds_the_billed_cost_status_tokens_and_cache_hit()
    {
        var failed = new UsageEventBuilder().At(Noon).WithModel("o3", "azure").WithCost(2m).WithTokens(10, 0).Failed().Build();
        var cached = new UsageEventBuilder().At(Noon.AddSeconds(1)).WithCost(3m).CacheHit().Build();
        var paid = new UsageEventBuilder().At(Noon.AddSeconds(2)).WithCost(0.000000123m).WithTokens(100, 20, 30, 4).Build();

        var ring = Run().Apply(failed, cached, paid).Ledger.Recent.Events;

        Assert.Equal(new RecentEvent(paid.Id, paid.OccurredAtEpochSeconds, "gpt-4o", "openai", UsageStatus.Success, 123, new TokenCounts(100, 20, 30, 4), false), ring[0]);
        Assert.Equal((0L, true, UsageStatus.Success), (ring[1].CostNanos, ring[1].CacheHit, ring[1].Status));
        Assert.Equal((0L, false, UsageStatus.Failure, "o3", "azure"), (ring[2].CostNanos, ring[2].CacheHit, ring[2].Status, ring[2].Model, ring[2].Provider));
    }

    [Fact]
    public void Account_changes_keep_the_ring()
    {
        var run = Run().Spend("2026-11-18T10:00Z", 1m);

        run.Reconfigure(new AccountBuilder().WithBudget(5m, Billing.Domain.Budgets.WindowPeriod.Daily).Build(), "2026-11-18T11:00Z");

        Assert.Single(run.Ledger.Recent.Events);
    }
}
