using Billing.Domain.Accounts;
using Billing.Domain.Budgets;
using Billing.Domain.Ledger;
using Billing.Domain.Money;
using Billing.Tests.Infrastructure;
using static Billing.Tests.Domain.LedgerRun;

namespace Billing.Tests.Domain;

/// <summary>An account PUT: <see cref="SubjectLedger.Reconfigure"/> with the roll-up rows the store reads.</summary>
public sealed class ReconfigureTests
{
    private static AccountBuilder Berlin() => new AccountBuilder().In("Europe/Berlin");

    private static Account Daily(decimal limit, IReadOnlyList<string>? models = null, string zone = "Europe/Berlin") =>
        new AccountBuilder().In(zone).WithBudget(limit, WindowPeriod.Daily, "d", models: models).Build();

    private static decimal Spent(WindowSpan? span) => MoneyUnits.FromNanos(span!.Usage.Total.SpentNanos);

    /// <summary>The roll-up rows a run has written so far, merged per hour as the store keeps them.</summary>
    private static HourBucket[] Rows(LedgerRun run) => [.. run.Entries.OfType<HourRolledUp>().GroupBy(h => h.Bucket.Start)
        .Select(g => new HourBucket(g.Key, g.Aggregate(UsageBreakdown.Empty, (sum, h) => sum.Add(h.Bucket.Usage))))];

    /// <summary>Usage on 2026-11-18 around the Berlin day that starts at 2026-11-17T23:00Z; the latest hour is 14:00Z.</summary>
    private static LedgerRun Used(Account account) => new LedgerRun(account).Apply(
        Event("2026-11-17T22:30Z", 1m), Event("2026-11-17T23:10Z", 2m), Event("2026-11-18T10:00Z", 4m, "claude-3"), Event("2026-11-18T14:20Z", 8m));

    [Fact]
    public void An_unchanged_window_keeps_its_counters()
    {
        var run = Used(Daily(100m));
        var before = run.Window("d");

        run.Reconfigure(Daily(100m), "2026-11-18T15:00Z");

        Assert.Equal(before, run.Window("d"));
        Assert.Empty(run.Last);
    }

    [Fact]
    public void A_new_limit_mode_or_thresholds_keeps_the_counters()
    {
        var run = Used(Daily(100m));
        var changed = Berlin().WithBudget(200m, WindowPeriod.Daily, "d", mode: BudgetMode.Soft, thresholds: [AlertThreshold.OfAmount(500m)]).Build();

        run.Reconfigure(changed, "2026-11-18T15:00Z");

        Assert.Equal(14m, Spent(run.Window("d").Current));
    }

    [Fact]
    public void Lowering_the_limit_below_what_is_used_alerts_at_once()
    {
        var run = Used(Daily(20m));
        Assert.Equal(["f0.5"], run.Crossings.Select(c => c.ThresholdKey));

        run.Reconfigure(Daily(10m), "2026-11-18T15:00Z");

        Assert.Equal(["f0.8", "f1"], run.LastCrossings.Select(c => c.ThresholdKey));
        Assert.All(run.LastCrossings, c => Assert.Equal((14m, 10m), (c.Used, c.Limit)));
    }

    [Fact]
    public void Lowering_the_limit_after_the_period_ended_does_not_alert_for_the_finished_period()
    {
        var run = Used(Daily(20m));

        run.Reconfigure(Daily(10m), "2026-11-19T09:00Z");

        Assert.Empty(run.LastCrossings);
    }

    [Fact]
    public void A_new_window_counts_the_hours_starting_in_its_period_and_the_latest_hour()
    {
        var run = Used(new AccountBuilder().Build());

        run.Reconfigure(Daily(100m), "2026-11-18T15:00Z", Rows(run));

        var span = run.Window("d").Current!;
        Assert.Equal(new TimeInterval(At("2026-11-17T23:00Z"), At("2026-11-18T23:00Z")), span.Period);
        Assert.Equal(14m, Spent(span));
    }

    [Fact]
    public void A_new_window_counts_only_its_models()
    {
        var run = Used(new AccountBuilder().Build());

        run.Reconfigure(Daily(100m, models: ["Claude-3"]), "2026-11-18T15:00Z", Rows(run));

        Assert.Equal(4m, Spent(run.Window("d").Current));
        Assert.Equal(["claude-3"], run.Window("d").Current!.Usage.Models.Select(m => m.Model));
    }

    [Fact]
    public void A_new_window_counts_by_whole_hours_so_an_hour_starting_before_its_period_is_left_out()
    {
        var run = Used(new AccountBuilder().Build());
        var hourly = Berlin().WithBudget(100m, WindowPeriod.Every(new IsoDuration(0, 0, 0, TimeSpan.FromHours(1)), At("2026-11-18T00:30Z")), "d").Build();

        run.Spend("2026-11-18T14:50Z", 16m).Reconfigure(hourly, "2026-11-18T14:55Z", Rows(run));

        Assert.Equal(At("2026-11-18T14:30Z"), run.Window("d").Current!.Start);
        Assert.Equal(0m, Spent(run.Window("d").Current));
    }

    [Fact]
    public void A_new_window_does_not_count_past_hours_it_is_not_given()
    {
        var run = Used(new AccountBuilder().Build());

        run.Reconfigure(Daily(100m), "2026-11-18T15:00Z");

        Assert.Equal(8m, Spent(run.Window("d").Current));
    }

    [Fact]
    public void A_new_window_over_its_thresholds_alerts_at_once()
    {
        var run = Used(new AccountBuilder().Build());

        run.Reconfigure(Daily(10m), "2026-11-18T15:00Z", Rows(run));

        Assert.Equal(3, run.LastCrossings.Count());
    }

    [Fact]
    public void An_unfiltered_total_window_takes_the_exact_lifetime()
    {
        var run = Used(new AccountBuilder().Build()).Spend("2020-01-01T00:00Z", 0.000000001m);

        run.Reconfigure(Berlin().WithBudget(100m, WindowPeriod.Total, "d").Build(), "2026-11-18T15:00Z");

        Assert.Equal(run.Ledger.Lifetime, run.Window("d").Current!.Usage.Total);
        Assert.Equal(15.000000001m, Spent(run.Window("d").Current));
    }

    [Fact]
    public void A_filtered_total_window_sums_the_hours_of_its_models()
    {
        var run = Used(new AccountBuilder().Build());

        run.Reconfigure(Berlin().WithBudget(100m, WindowPeriod.Total, "d", models: ["gpt-4o"]).Build(), "2026-11-18T15:00Z", Rows(run));

        Assert.Equal(11m, Spent(run.Window("d").Current));
    }

    public static TheoryData<string, decimal> Redefinitions => new()
    {
        // what changes, what the rebuilt window counts from the hours
        { "period", 15m },
        { "zone", 12m },
        { "models", 10m },
        { "metric", 3m },
    };

    [Theory]
    [MemberData(nameof(Redefinitions))]
    public void A_changed_definition_rebuilds_the_counters_from_the_hours(string change, decimal used)
    {
        var run = Used(Daily(100m));
        var account = change switch
        {
            "period" => Berlin().WithBudget(100m, WindowPeriod.Weekly, "d").Build(),
            "zone" => Daily(100m, zone: "America/New_York"),
            "models" => Daily(100m, models: ["gpt-4o"]),
            _ => Berlin().WithBudget(100m, WindowPeriod.Daily, "d", BudgetMetric.Requests).Build(),
        };

        run.Reconfigure(account, "2026-11-18T15:00Z", Rows(run));

        Assert.Equal(account.WindowDefinition(account.Budgets[0]), run.Window("d").Definition);
        Assert.Equal(used, account.Budgets[0].Used(run.Window("d").Current!.Usage.Total));
    }

    [Fact]
    public void A_redefined_window_does_not_report_a_threshold_of_the_same_span_twice()
    {
        var run = Used(Daily(20m));
        Assert.Equal(["f0.5"], run.Crossings.Select(c => c.ThresholdKey));

        run.Reconfigure(Daily(20m, models: ["gpt-4o", "claude-3"]), "2026-11-18T15:00Z", Rows(run));

        Assert.Equal(14m, Spent(run.Window("d").Current));
        Assert.Empty(run.LastCrossings);
    }

    [Fact]
    public void A_window_redefined_to_a_longer_period_does_not_re_report_what_a_span_with_the_same_start_crossed()
    {
        var run = new LedgerRun(Daily(20m)).Spend("2026-11-16T10:00Z", 12m).Spend("2026-11-17T10:00Z", 1m);
        Assert.Equal(["f0.5"], run.Crossings.Select(c => c.ThresholdKey));

        run.Reconfigure(Berlin().WithBudget(20m, WindowPeriod.Weekly, "d").Build(), "2026-11-17T15:00Z", Rows(run));

        Assert.Equal(13m, Spent(run.Window("d").Current));
        Assert.Empty(run.LastCrossings);
    }

    [Fact]
    public void A_removed_window_is_dropped()
    {
        var run = Used(Daily(100m));

        run.Reconfigure(new AccountBuilder().In("Europe/Berlin").Build(), "2026-11-18T15:00Z");

        Assert.Empty(run.Ledger.Windows);
        Assert.Equal(4, run.Ledger.Lifetime.Requests);
    }
}
