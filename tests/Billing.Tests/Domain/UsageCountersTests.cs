using Billing.Domain.Ledger;
using Billing.Domain.Usage;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Domain;

public sealed class UsageCountersTests
{
    [Fact]
    public void A_successful_call_counts_a_request_and_its_cost()
    {
        var counters = UsageCounters.Of(new UsageEventBuilder().WithCost(0.000000123m).WithTokens(100, 20, 10, 5).Build());

        Assert.Equal(new UsageCounters(123, 1, new TokenCounts(100, 20, 10, 5), Failures: 0, CacheHits: 0), counters);
    }

    [Fact]
    public void A_failure_counts_one_failure_and_one_request_at_no_cost()
    {
        var counters = UsageCounters.Of(new UsageEventBuilder().WithCost(2m).Failed().Build());

        Assert.Equal((0L, 1L, 1L, 0L), (counters.SpentNanos, counters.Requests, counters.Failures, counters.CacheHits));
    }

    [Fact]
    public void A_cache_hit_counts_one_cache_hit_and_one_request_at_no_cost()
    {
        var counters = UsageCounters.Of(new UsageEventBuilder().WithCost(3m).CacheHit().Build());

        Assert.Equal((0L, 1L, 0L, 1L), (counters.SpentNanos, counters.Requests, counters.Failures, counters.CacheHits));
    }

    [Fact]
    public void Addition_adds_every_counter()
    {
        var a = new UsageCounters(1, 2, new TokenCounts(3, 4, 5, 6), 7, 8);
        var b = new UsageCounters(10, 20, new TokenCounts(30, 40, 50, 60), 70, 80);

        Assert.Equal(new UsageCounters(11, 22, new TokenCounts(33, 44, 55, 66), 77, 88), a + b);
    }

    [Fact]
    public void Addition_past_the_range_of_long_throws()
    {
        var almostFull = new UsageCounters(0, 0, TokenCounts.None, long.MaxValue, 0);

        Assert.Throws<OverflowException>(() => almostFull + new UsageCounters(0, 0, TokenCounts.None, 1, 0));
    }
}
