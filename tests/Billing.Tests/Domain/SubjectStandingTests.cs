using Billing.Domain.Accounts;
using Billing.Domain.Budgets;
using Billing.Domain.Entitlements;
using Billing.Domain.Ledger;
using Billing.Domain.Money;
using Billing.Domain.Subjects;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Domain;

public sealed class SubjectStandingTests
{
    private static readonly SubjectId Team = new(SubjectKind.Team, "acme");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    // 0.004 on Sunday 2026-11-22 and 0.001 on Monday 2026-11-23: same month, different weeks and days.
    private static readonly SubjectLedger Ledger = SubjectLedger.Empty.Apply(
    [
        new UsageEventBuilder().At("2026-11-22T18:00:00Z").WithCost(0.004m).Build(),
        new UsageEventBuilder().At("2026-11-23T08:00:00Z").WithCost(0.001m).Build(),
    ]).Ledger;

    private static Account AccountWith(Budget? budget) => new(Team, ["owner@example.com"], Currency.Usd, budget);

    private static Budget Budget(decimal limit, BudgetPeriod period) => new(new Money(limit, Currency.Usd), period);

    public static TheoryData<BudgetPeriod, decimal> SpentByPeriod => new()
    {
        { BudgetPeriod.Daily, 0.001m },
        { BudgetPeriod.Weekly, 0.001m },
        { BudgetPeriod.Monthly, 0.005m },
        { BudgetPeriod.Total, 0.005m },
    };

    [Theory]
    [MemberData(nameof(SpentByPeriod))]
    public void Spent_is_the_usage_in_the_budget_period_containing_now(BudgetPeriod period, decimal spent)
    {
        var standing = SubjectStanding.Of(Team, AccountWith(Budget(1m, period)), Ledger, Now);

        Assert.Equal(spent, standing.Spent);
        Assert.Equal(BudgetCalendar.Containing(period, Now), standing.Period);
    }

    [Fact]
    public void Budgeted_subject_has_a_limit_and_the_remainder()
    {
        var standing = SubjectStanding.Of(Team, AccountWith(Budget(0.01m, BudgetPeriod.Monthly)), Ledger, Now);

        Assert.Equal((true, 0.01m, 0.005m), (standing.HasAccount, standing.Limit, standing.Remaining));
    }

    [Fact]
    public void Account_without_a_budget_is_unlimited_and_counts_lifetime_spend()
    {
        var standing = SubjectStanding.Of(Team, AccountWith(null), Ledger, Now);

        Assert.Equal((true, (decimal?)null, (decimal?)null, 0.005m), (standing.HasAccount, standing.Limit, standing.Remaining, standing.Spent));
        Assert.Equal(BudgetPeriod.Total, standing.Period.Period);
    }

    [Fact]
    public void Subject_without_an_account_is_unlimited_in_usd()
    {
        var standing = SubjectStanding.Of(Team, null, Ledger, Now);

        Assert.Equal((false, (decimal?)null, Currency.Usd, 0.005m), (standing.HasAccount, standing.Limit, standing.Currency, standing.Spent));
    }

    [Fact]
    public void Subject_without_a_ledger_has_spent_nothing()
    {
        var standing = SubjectStanding.Of(Team, AccountWith(Budget(1m, BudgetPeriod.Daily)), null, Now);

        Assert.Equal((0m, UsageCounters.Zero, 1m), (standing.Spent, standing.Usage, standing.Remaining));
    }

    [Fact]
    public void Spend_from_an_earlier_day_does_not_count_against_a_daily_budget()
    {
        var tomorrow = Now.AddDays(1);

        var standing = SubjectStanding.Of(Team, AccountWith(Budget(0.001m, BudgetPeriod.Daily)), Ledger, tomorrow);

        Assert.Equal((0m, 0.001m), (standing.Spent, standing.Remaining));
    }

    [Fact]
    public void Usage_carries_requests_and_tokens_of_the_period()
    {
        var standing = SubjectStanding.Of(Team, AccountWith(Budget(1m, BudgetPeriod.Monthly)), Ledger, Now);

        Assert.Equal((2L, 200L, 40L), (standing.Usage.Requests, standing.Usage.Tokens.Prompt, standing.Usage.Tokens.Completion));
    }
}
