using Billing.Domain.Budgets;
using Billing.Domain.Money;
using Billing.Tests.Infrastructure;
using static Billing.Tests.Domain.LedgerRun;

namespace Billing.Tests.Domain;

/// <summary>Moving a window on as events arrive, and the rollover timer's <c>Close</c> with a grace of ten minutes.</summary>
public sealed class WindowLedgerRolloverTests
{
    private static LedgerRun Daily(decimal limit = 100m) =>
        new(new AccountBuilder().WithBudget(limit, WindowPeriod.Daily, "daily", thresholds: [AlertThreshold.OfFraction(0.8m)]).Build());

    private static decimal Spent(Billing.Domain.Ledger.WindowSpan? span) => MoneyUnits.FromNanos(span!.Usage.Total.SpentNanos);

    [Fact]
    public void An_event_of_the_next_period_makes_the_current_span_previous()
    {
        var run = Daily().Spend("2026-11-18T10:00Z", 1m).Spend("2026-11-19T10:00Z", 2m);

        Assert.Equal(At("2026-11-18T00:00Z"), run.Window("daily").Previous!.Start);
        Assert.Equal(1m, Spent(run.Window("daily").Previous));
        Assert.Equal(At("2026-11-19T00:00Z"), run.Window("daily").Current!.Start);
        Assert.Equal(2m, Spent(run.Window("daily").Current));
        Assert.Empty(run.Statements);
    }

    [Fact]
    public void A_late_event_of_the_previous_period_still_counts_there_and_may_alert()
    {
        var run = Daily(10m).Spend("2026-11-18T10:00Z", 7m).Spend("2026-11-19T10:00Z", 1m);

        run.Spend("2026-11-18T23:59Z", 2m);

        Assert.Equal(9m, Spent(run.Window("daily").Previous));
        Assert.Equal(1m, Spent(run.Window("daily").Current));
        var crossing = Assert.Single(run.LastCrossings);
        Assert.Equal(At("2026-11-18T00:00Z"), crossing.PeriodStart);
        Assert.Equal(9m, crossing.Used);
    }

    [Fact]
    public void An_event_two_periods_old_counts_only_in_lifetime_and_hours()
    {
        var run = Daily().Spend("2026-11-18T10:00Z", 1m).Spend("2026-11-19T10:00Z", 2m);
        var windows = run.Ledger.Windows;

        run.Spend("2026-11-17T10:00Z", 4m);

        Assert.Equal(windows, run.Ledger.Windows);
        Assert.Equal(MoneyUnits.ToNanos(7m), run.Ledger.Lifetime.SpentNanos);
        Assert.Contains(run.Last.OfType<Billing.Domain.Ledger.HourRolledUp>(), h => h.Bucket.Start == At("2026-11-17T10:00Z"));
    }

    [Fact]
    public void Dropping_an_unstated_previous_span_states_it()
    {
        var run = Daily().Spend("2026-11-18T10:00Z", 1m).Spend("2026-11-19T10:00Z", 2m);

        run.Spend("2026-11-20T10:00Z", 4m);

        var statement = Assert.Single(run.LastStatements);
        Assert.Equal(At("2026-11-18T00:00Z"), statement.PeriodStart);
        Assert.Equal(At("2026-11-19T00:00Z"), statement.PeriodEnd);
        Assert.Equal(MoneyUnits.ToNanos(1m), statement.Usage.Total.SpentNanos);
        Assert.Equal(At("2026-11-19T00:00Z"), run.Window("daily").Previous!.Start);
    }

    [Theory]
    [InlineData("2026-11-18T23:59Z")]
    [InlineData("2026-11-19T00:00Z")]
    [InlineData("2026-11-19T00:09:59Z")]
    public void Close_before_the_end_plus_grace_states_nothing(string now)
    {
        var run = Daily().Spend("2026-11-18T10:00Z", 1m);

        run.Close(now);

        Assert.Empty(run.Statements);
    }

    [Fact]
    public void Close_within_the_grace_moves_the_finished_span_to_previous_so_late_events_count()
    {
        var run = Daily().Spend("2026-11-18T10:00Z", 1m).Close("2026-11-19T00:05Z");

        run.Spend("2026-11-18T23:59Z", 2m).Spend("2026-11-19T00:06Z", 4m);

        Assert.Equal(3m, Spent(run.Window("daily").Previous));
        Assert.Equal(4m, Spent(run.Window("daily").Current));
    }

    [Fact]
    public void Close_after_the_end_plus_grace_states_the_span_once()
    {
        var run = Daily().Spend("2026-11-18T10:00Z", 1m).Close("2026-11-19T00:05Z").Spend("2026-11-18T23:59Z", 2m);

        run.Close("2026-11-19T00:10Z");

        var statement = Assert.Single(run.Statements);
        Assert.Equal(MoneyUnits.ToNanos(3m), statement.Usage.Total.SpentNanos);
        Assert.True(run.Window("daily").Previous!.Stated);
        Assert.Null(run.Window("daily").Current);
    }

    [Fact]
    public void Statement_describes_the_window_and_its_period()
    {
        var run = Daily(25m).Spend("2026-11-18T10:00Z", 1m).Close("2026-11-19T01:00Z");

        var statement = Assert.Single(run.Statements);

        Assert.Equal(UsageEventBuilder.Team("acme"), statement.Subject);
        Assert.Equal(("daily", "daily", BudgetMetric.Cost, 25m), (statement.Window, statement.Period, statement.Metric, statement.Limit));
        Assert.Equal((At("2026-11-18T00:00Z"), At("2026-11-19T00:00Z"), At("2026-11-18T00:00Z")), (statement.PeriodStart, statement.PeriodEnd!.Value, statement.CountFrom));
    }

    [Fact]
    public void The_long_autumn_day_in_berlin_is_stated_after_its_local_end()
    {
        var run = new LedgerRun(new AccountBuilder().In("Europe/Berlin").WithBudget(10m, WindowPeriod.Daily, "daily").Build())
            .Spend("2026-10-24T22:00Z", 1m).Spend("2026-10-25T22:30Z", 2m);
        Assert.Equal(At("2026-10-25T23:10Z"), run.NextDue("2026-10-25T22:30Z"));

        run.Close("2026-10-25T23:09:59Z");
        Assert.Empty(run.Statements);
        run.Close("2026-10-25T23:10Z");

        var statement = Assert.Single(run.Statements);
        Assert.Equal((At("2026-10-24T22:00Z"), At("2026-10-25T23:00Z")), (statement.PeriodStart, statement.PeriodEnd!.Value));
        Assert.Equal(MoneyUnits.ToNanos(3m), statement.Usage.Total.SpentNanos);
    }

    [Fact]
    public void Doubled_close_states_nothing_twice()
    {
        var run = Daily().Spend("2026-11-18T10:00Z", 1m).Close("2026-11-19T01:00Z");

        run.Close("2026-11-19T01:00Z").Close("2026-11-19T02:00Z");

        Assert.Single(run.Statements);
        Assert.Empty(run.Last);
    }

    [Fact]
    public void Late_close_after_several_periods_states_each_finished_span_once()
    {
        var run = Daily().Spend("2026-11-18T10:00Z", 1m).Spend("2026-11-19T10:00Z", 2m);

        run.Close("2026-11-25T08:00Z").Close("2026-11-25T09:00Z");

        Assert.Equal([At("2026-11-18T00:00Z"), At("2026-11-19T00:00Z")], run.Statements.Select(s => s.PeriodStart).Order());
        Assert.True(run.Window("daily").Previous!.Stated);
    }

    [Fact]
    public void Events_after_a_close_start_a_new_span_that_is_stated_in_turn()
    {
        var run = Daily().Spend("2026-11-18T10:00Z", 1m).Close("2026-11-19T01:00Z").Spend("2026-11-19T10:00Z", 2m);

        run.Close("2026-11-20T00:10Z");

        Assert.Equal([At("2026-11-18T00:00Z"), At("2026-11-19T00:00Z")], run.Statements.Select(s => s.PeriodStart));
    }

    [Fact]
    public void Next_due_of_an_unused_window_is_the_end_of_now_s_period_plus_grace()
    {
        Assert.Equal(At("2026-11-19T00:10Z"), Daily().NextDue("2026-11-18T10:00Z"));
    }

    [Fact]
    public void Next_due_of_a_used_window_is_the_end_of_its_span_plus_grace()
    {
        var run = Daily().Spend("2026-11-18T10:00Z", 1m);

        Assert.Equal(At("2026-11-19T00:10Z"), run.NextDue("2026-11-18T10:00Z"));
        Assert.Equal(At("2026-11-19T00:10Z"), run.NextDue("2026-11-20T10:00Z"));
    }

    [Fact]
    public void Next_due_waits_for_an_unstated_previous_span_first()
    {
        var run = Daily().Spend("2026-11-18T10:00Z", 1m).Close("2026-11-19T00:05Z");

        Assert.Equal(At("2026-11-19T00:10Z"), run.NextDue("2026-11-19T00:05Z"));
    }

    [Fact]
    public void Next_due_after_the_statement_is_the_end_of_the_next_period()
    {
        var run = Daily().Spend("2026-11-18T10:00Z", 1m).Close("2026-11-19T00:10Z");

        Assert.Equal(At("2026-11-20T00:10Z"), run.NextDue("2026-11-19T00:10Z"));
    }

    [Fact]
    public void A_total_window_never_becomes_due_and_never_closes()
    {
        var run = new LedgerRun(new AccountBuilder().WithBudget(10m, WindowPeriod.Total).Build()).Spend("2026-11-18T10:00Z", 1m);

        run.Close("2099-01-01T00:00Z");

        Assert.Null(run.NextDue("2026-11-18T10:00Z"));
        Assert.Empty(run.Statements);
        Assert.Equal(1m, Spent(run.Window("total").Current));
    }

    [Fact]
    public void Next_due_is_the_earliest_of_all_windows()
    {
        var account = new AccountBuilder().In("Europe/Berlin").WithBudget(10m, WindowPeriod.Monthly).WithBudget(1m, WindowPeriod.Daily).WithBudget(5m, WindowPeriod.Total).Build();

        var due = new LedgerRun(account).Spend("2026-11-18T10:00Z", 0.1m).NextDue("2026-11-18T10:00Z");

        Assert.Equal(At("2026-11-18T23:10Z"), due);
    }
}

public sealed class WindowClockAheadTests
{
    [Fact]
    public void An_event_dated_in_a_later_period_does_not_hide_what_now_s_period_used()
    {
        var subject = new Billing.Domain.Subjects.SubjectId(Billing.Domain.Subjects.SubjectKind.Team, "acme");
        var account = new Billing.Tests.Infrastructure.AccountBuilder().For(subject).WithBudget(10m, Billing.Domain.Budgets.WindowPeriod.Daily, "daily").Build();
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        var today = new Billing.Tests.Infrastructure.UsageEventBuilder().For(subject).WithCost(6m).At(now).Build();
        var tomorrow = new Billing.Tests.Infrastructure.UsageEventBuilder().For(subject).WithCost(1m).At(now.AddDays(1)).Build();

        var ledger = Billing.Domain.Ledger.SubjectLedger.Empty.Apply(subject, account, [today, tomorrow]).Ledger;
        var standing = Billing.Domain.Entitlements.SubjectStanding.Of(subject, account, ledger, now);

        Assert.Equal(6m, Assert.Single(standing.Windows).Used);
    }
}
