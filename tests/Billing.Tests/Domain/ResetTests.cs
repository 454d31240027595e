using Billing.Domain.Budgets;
using Billing.Domain.Ledger;
using Billing.Domain.Money;
using Billing.Tests.Infrastructure;
using static Billing.Tests.Domain.LedgerRun;

namespace Billing.Tests.Domain;

/// <summary>Starting a window afresh on purpose: <see cref="SubjectLedger.Reset"/>.</summary>
public sealed class ResetTests
{
    private static LedgerRun Run() => new(new AccountBuilder()
        .WithBudget(10m, WindowPeriod.Daily, "d").WithBudget(100m, WindowPeriod.Monthly, "m").Build());

    private static decimal Spent(WindowSpan? span) => MoneyUnits.FromNanos(span!.Usage.Total.SpentNanos);

    [Fact]
    public void The_rest_of_the_period_counts_from_the_reset()
    {
        var run = Run().Spend("2026-11-18T10:00Z", 5m);

        run.Reset("d", "2026-11-18T12:00Z").Spend("2026-11-18T13:00Z", 1m);

        var span = run.Window("d").Current!;
        Assert.Equal(1m, Spent(span));
        Assert.Equal(At("2026-11-18T12:00Z"), span.CountFrom);
        Assert.Equal(At("2026-11-18T00:00Z"), span.Start);
    }

    [Fact]
    public void Events_before_the_reset_in_the_same_period_do_not_count()
    {
        var run = Run().Reset("d", "2026-11-18T12:00Z");

        run.Spend("2026-11-18T11:59:59Z", 5m);

        Assert.Equal(0m, Spent(run.Window("d").Current));
        Assert.Equal(5m, Spent(run.Window("m").Current));
    }

    [Fact]
    public void Reset_leaves_the_other_windows_alone()
    {
        var run = Run().Spend("2026-11-18T10:00Z", 5m);

        run.Reset("D", "2026-11-18T12:00Z");

        Assert.Equal(5m, Spent(run.Window("m").Current));
        Assert.Empty(run.Last);
    }

    [Fact]
    public void Crossed_thresholds_re_arm_and_alert_again_as_a_distinct_span()
    {
        var run = Run().Spend("2026-11-18T10:00Z", 9m);

        run.Reset("d", "2026-11-18T12:00Z").Spend("2026-11-18T13:00Z", 9m);

        var again = run.LastCrossings.Where(c => c.Window == "d").ToList();
        Assert.Equal(["f0.5", "f0.8"], again.Select(c => c.ThresholdKey));
        Assert.All(again, c => Assert.Equal(At("2026-11-18T12:00Z"), c.SpanStart));
        Assert.All(again, c => Assert.Equal(At("2026-11-18T00:00Z"), c.PeriodStart));
        Assert.Equal(4, run.Crossings.Select(c => (c.Window, c.SpanStart, c.ThresholdKey)).Distinct().Count(w => w.Window == "d"));
    }

    [Fact]
    public void Statement_of_a_reset_period_counts_from_the_reset()
    {
        var run = Run().Spend("2026-11-18T10:00Z", 5m).Reset("d", "2026-11-18T12:00Z").Spend("2026-11-18T13:00Z", 1m);

        run.Close("2026-11-19T01:00Z");

        var statement = Assert.Single(run.Statements);
        Assert.Equal((At("2026-11-18T00:00Z"), At("2026-11-18T12:00Z")), (statement.PeriodStart, statement.CountFrom));
        Assert.Equal(MoneyUnits.ToNanos(1m), statement.Usage.Total.SpentNanos);
    }

    [Fact]
    public void Reset_in_a_later_period_keeps_the_finished_span_for_its_statement()
    {
        var run = Run().Spend("2026-11-18T10:00Z", 5m);

        run.Reset("d", "2026-11-19T12:00Z").Close("2026-11-19T13:00Z");

        Assert.Equal(MoneyUnits.ToNanos(5m), Assert.Single(run.Statements).Usage.Total.SpentNanos);
        Assert.Equal(At("2026-11-19T12:00Z"), run.Window("d").Current!.CountFrom);
    }

    [Fact]
    public void Reset_of_an_unknown_window_is_null()
    {
        var account = new AccountBuilder().WithBudget(10m, WindowPeriod.Daily, "d").Build();

        Assert.Null(SubjectLedger.Empty.Reset(account.Subject, account, "weekly", At("2026-11-18T12:00Z")));
    }
}
