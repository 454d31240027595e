using Billing.Domain.Accounts;
using Billing.Domain.Budgets;
using Billing.Domain.Entitlements;
using Billing.Tests.Infrastructure;
using static Billing.Tests.Domain.LedgerRun;

namespace Billing.Tests.Domain;

/// <summary>The check over standings read from real ledgers: modes, model filters and metrics of the windows.</summary>
public sealed class EntitlementWindowTests
{
    private const string Now = "2026-11-18T13:00Z";

    private static EntitlementDecision Check(Account account, LedgerRun run, CheckEstimate estimate) =>
        EntitlementPolicy.Decide([SubjectStanding.Of(account.Subject, account, run.Ledger, At(Now))], estimate, UnknownSubjectPolicy.Allow);

    private static EntitlementDecision Check(Account account, decimal spent, CheckEstimate estimate) =>
        Check(account, new LedgerRun(account).Spend("2026-11-18T12:00Z", spent), estimate);

    public static TheoryData<BudgetMode, decimal, bool> Modes => new()
    {
        // mode, spent of 10 before a call estimated at 0.5, allowed
        { BudgetMode.Hard, 10m, false },
        { BudgetMode.Hard, 9.5m, true },
        { BudgetMode.Hard, 9.500000001m, false },
        { BudgetMode.Soft, 10m, true },
        { BudgetMode.Soft, 50m, true },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Only_a_hard_window_denies(BudgetMode mode, decimal spent, bool allowed)
    {
        var account = new AccountBuilder().WithBudget(10m, WindowPeriod.Daily, "d", mode: mode).Build();

        Assert.Equal(allowed, Check(account, spent, new CheckEstimate(0.5m, 0, null)).Allowed);
    }

    [Theory]
    [InlineData("gpt-4o", false)]
    [InlineData("GPT-4O", false)]
    [InlineData("claude-3", true)]
    [InlineData(null, true)]
    public void A_model_filtered_window_governs_only_calls_naming_one_of_its_models(string? model, bool allowed)
    {
        var account = new AccountBuilder().WithBudget(1m, WindowPeriod.Daily, "gpt", models: ["gpt-4o"]).Build();

        Assert.Equal(allowed, Check(account, 1m, new CheckEstimate(0m, 0, model)).Allowed);
    }

    [Fact]
    public void An_unfiltered_window_governs_every_model()
    {
        var account = new AccountBuilder().WithBudget(1m, WindowPeriod.Daily, "all").Build();

        Assert.False(Check(account, 1m, new CheckEstimate(0m, 0, "claude-3")).Allowed);
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(101, false)]
    [InlineData(0, true)]
    public void A_tokens_window_is_checked_with_the_estimated_tokens(long tokens, bool allowed)
    {
        var account = new AccountBuilder().WithBudget(1000m, WindowPeriod.Daily, "tok", BudgetMetric.Tokens).Build();
        var run = new LedgerRun(account).Apply(new UsageEventBuilder().WithTokens(800, 100).Build());

        Assert.Equal(allowed, Check(account, run, new CheckEstimate(1_000m, tokens, null)).Allowed);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    public void A_requests_window_denies_when_one_more_request_would_exceed_it(int used, bool allowed)
    {
        var account = new AccountBuilder().WithBudget(3m, WindowPeriod.Daily, "req", BudgetMetric.Requests).Build();
        var run = new LedgerRun(account).Apply([.. Enumerable.Range(0, used).Select(_ => new UsageEventBuilder().Failed().Build())]);

        Assert.Equal(allowed, Check(account, run, new CheckEstimate(1_000m, 1_000_000, null)).Allowed);
    }

    [Fact]
    public void Denial_names_the_subject_and_the_window()
    {
        var account = new AccountBuilder().WithBudget(100m, WindowPeriod.Monthly, "month")
            .WithBudget(2m, WindowPeriod.Daily, "day").WithBudget(1m, WindowPeriod.Total, "ever", mode: BudgetMode.Soft).Build();

        var decision = Check(account, 1.5m, new CheckEstimate(0.6m, 0, null));

        Assert.False(decision.Allowed);
        Assert.Equal(new Denial(UsageEventBuilder.Team("acme"), "day"), decision.DeniedBy);
        Assert.Equal("team:acme would exceed its \"day\" budget (daily, cost): used 1.5 + estimated 0.6 > limit 2 USD", decision.Reason);
    }

    [Fact]
    public void Denial_of_a_tokens_window_is_written_in_tokens()
    {
        var account = new AccountBuilder().WithBudget(100m, WindowPeriod.Daily, "tok", BudgetMetric.Tokens).Build();
        var run = new LedgerRun(account).Apply(new UsageEventBuilder().WithTokens(100, 20).Build());

        var decision = Check(account, run, CheckEstimate.None);

        Assert.Equal("team:acme has used its \"tok\" budget (daily, tokens): used 120 of 100 tokens", decision.Reason);
    }

    [Fact]
    public void Yesterday_s_spend_does_not_deny_today()
    {
        var account = new AccountBuilder().WithBudget(1m, WindowPeriod.Daily, "d").Build();
        var run = new LedgerRun(account).Spend("2026-11-17T12:00Z", 5m);

        Assert.True(Check(account, run, new CheckEstimate(1m, 0, null)).Allowed);
    }
}
