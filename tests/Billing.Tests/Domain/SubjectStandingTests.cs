using Billing.Domain.Budgets;
using Billing.Domain.Entitlements;
using Billing.Domain.Money;
using Billing.Tests.Infrastructure;
using static Billing.Tests.Domain.LedgerRun;

namespace Billing.Tests.Domain;

/// <summary><see cref="SubjectStanding.Of"/>: each window in the period containing now, read from the ledger.</summary>
public sealed class SubjectStandingTests
{
    private static readonly Billing.Domain.Accounts.Account Account = new AccountBuilder().In("Europe/Berlin")
        .WithBudget(10m, WindowPeriod.Daily, "d").WithBudget(100m, WindowPeriod.Total, "t").Build();

    private static SubjectStanding Standing(LedgerRun run, string now) => SubjectStanding.Of(run.Account.Subject, run.Account, run.Ledger, At(now));

    private static WindowStanding Window(SubjectStanding standing, string name) => standing.Windows.Single(w => w.Window.Name == name);

    [Fact]
    public void Standing_reads_what_each_window_used_in_now_s_period()
    {
        var run = new LedgerRun(Account).Spend("2026-11-18T10:00Z", 6m);

        var standing = Standing(run, "2026-11-18T20:00Z");

        Assert.Equal((6m, 4m), (Window(standing, "d").Used, Window(standing, "d").Remaining));
        Assert.Equal(6m, Window(standing, "t").Used);
        Assert.Equal(["f0.5"], Window(standing, "d").Crossed);
        Assert.Equal(MoneyUnits.ToNanos(6m), standing.Lifetime.SpentNanos);
    }

    [Fact]
    public void A_new_local_day_stands_at_zero_before_any_event()
    {
        var run = new LedgerRun(Account).Spend("2026-11-18T10:00Z", 6m);

        var standing = Standing(run, "2026-11-18T23:00Z");

        Assert.Equal(0m, Window(standing, "d").Used);
        Assert.Equal(At("2026-11-18T23:00Z"), Window(standing, "d").Span.Start);
        Assert.Empty(Window(standing, "d").Crossed);
        Assert.Equal(6m, Window(standing, "t").Used);
    }

    [Fact]
    public void A_closed_window_stands_at_zero()
    {
        var run = new LedgerRun(Account).Spend("2026-11-18T10:00Z", 6m).Close("2026-11-19T01:00Z");

        Assert.Equal(0m, Window(Standing(run, "2026-11-19T01:00Z"), "d").Used);
    }

    [Fact]
    public void A_reset_window_stands_at_what_was_used_since()
    {
        var run = new LedgerRun(Account).Spend("2026-11-18T10:00Z", 6m).Reset("d", "2026-11-18T11:00Z").Spend("2026-11-18T12:00Z", 1m);

        Assert.Equal(1m, Window(Standing(run, "2026-11-18T12:00Z"), "d").Used);
    }

    [Fact]
    public void A_window_redefined_since_the_ledger_was_written_stands_at_zero()
    {
        var run = new LedgerRun(Account).Spend("2026-11-18T10:00Z", 6m);
        var redefined = new AccountBuilder().WithBudget(10m, WindowPeriod.Daily, "d").Build();

        var standing = SubjectStanding.Of(redefined.Subject, redefined, run.Ledger, At("2026-11-18T12:00Z"));

        Assert.Equal(0m, Window(standing, "d").Used);
    }

    [Fact]
    public void A_subject_without_an_account_has_no_windows()
    {
        var standing = SubjectStanding.Of(UsageEventBuilder.Key("k1"), null, null, At("2026-11-18T12:00Z"));

        Assert.False(standing.HasAccount);
        Assert.Empty(standing.Windows);
        Assert.Equal(Currency.Usd, standing.Currency);
    }

    [Fact]
    public void Tokens_and_requests_windows_stand_in_their_metric()
    {
        var account = new AccountBuilder().WithBudget(1000m, WindowPeriod.Daily, "tok", BudgetMetric.Tokens)
            .WithBudget(5m, WindowPeriod.Daily, "req", BudgetMetric.Requests).Build();
        var run = new LedgerRun(account).Apply(new UsageEventBuilder().WithTokens(100, 20).Build(), new UsageEventBuilder().WithTokens(10, 2).Build());

        var standing = Standing(run, "2026-11-18T13:00Z");

        Assert.Equal((132m, 868m), (Window(standing, "tok").Used, Window(standing, "tok").Remaining));
        Assert.Equal((2m, 3m), (Window(standing, "req").Used, Window(standing, "req").Remaining));
    }
}
