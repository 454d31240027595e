using System.Globalization;
using Billing.Domain.Budgets;
using Billing.Domain.Ledger;
using Billing.Domain.Usage;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Domain;

public sealed class SubjectLedgerCurrentUsageTests
{
    private static readonly UsageCounters OneEvent = new(1_000_000, 1, new TokenCounts(100, 20, 0, 0));

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    // One 0.001 event on Sunday 2026-11-22 at 18:00 UTC.
    private static readonly SubjectLedger Ledger =
        SubjectLedger.Empty.Apply([new UsageEventBuilder().At("2026-11-22T18:00:00Z").WithCost(0.001m).WithTokens(100, 20).Build()]).Ledger;

    [Theory]
    [InlineData(BudgetPeriod.Daily)]
    [InlineData(BudgetPeriod.Weekly)]
    [InlineData(BudgetPeriod.Monthly)]
    [InlineData(BudgetPeriod.Total)]
    public void Usage_in_the_stored_period_is_the_stored_counters(BudgetPeriod period)
    {
        Assert.Equal(OneEvent, Ledger.CurrentUsage(period, At("2026-11-22T23:59:59Z")));
    }

    [Theory]
    [InlineData(BudgetPeriod.Daily, "2026-11-23T00:00:00Z", true)]
    [InlineData(BudgetPeriod.Weekly, "2026-11-23T00:00:00Z", true)]
    [InlineData(BudgetPeriod.Monthly, "2026-11-23T00:00:00Z", false)]
    [InlineData(BudgetPeriod.Monthly, "2026-12-01T00:00:00Z", true)]
    [InlineData(BudgetPeriod.Daily, "2027-11-22T18:00:00Z", true)]
    public void New_period_starts_at_zero_without_any_event_or_timer(BudgetPeriod period, string now, bool zero)
    {
        var usage = Ledger.CurrentUsage(period, At(now));

        Assert.Equal(zero ? UsageCounters.Zero : OneEvent, usage);
    }

    [Fact]
    public void Total_usage_is_the_lifetime_whatever_the_clock_says()
    {
        Assert.Equal(OneEvent, Ledger.CurrentUsage(BudgetPeriod.Total, At("2030-01-01T00:00:00Z")));
    }

    [Theory]
    [InlineData(BudgetPeriod.Daily)]
    [InlineData(BudgetPeriod.Weekly)]
    [InlineData(BudgetPeriod.Monthly)]
    [InlineData(BudgetPeriod.Total)]
    public void Empty_ledger_has_no_usage(BudgetPeriod period)
    {
        Assert.True(SubjectLedger.Empty.CurrentUsage(period, At("2026-11-22T18:00:00Z")).IsZero);
    }

    [Fact]
    public void Total_has_no_latest_period()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ledger.Latest(BudgetPeriod.Total));
    }
}
