using Billing.Domain.Alerts;
using Billing.Domain.Budgets;
using Billing.Tests.Infrastructure;
using static Billing.Tests.Domain.LedgerRun;

namespace Billing.Tests.Domain;

public sealed class AlertCrossingTests
{
    private static LedgerRun Run(decimal limit, IReadOnlyList<AlertThreshold>? thresholds = null, BudgetMetric metric = BudgetMetric.Cost,
        WindowPeriod? period = null, string zone = "UTC") =>
        new(new AccountBuilder().In(zone).WithBudget(limit, period ?? WindowPeriod.Daily, "daily", metric, BudgetMode.Soft, thresholds).Build());

    [Fact]
    public void Default_thresholds_cross_once_each_as_spend_grows()
    {
        var run = Run(10m);

        var labels = new List<string[]>();
        foreach (var cost in new[] { 4m, 1m, 2m, 0.5m, 0.5m, 1m, 3m, 7m })
        {
            run.Spend("2026-11-18T10:00Z", cost);
            labels.Add([.. run.LastCrossings.Select(c => c.ThresholdLabel)]);
        }

        Assert.Equal([[], ["50%"], [], [], ["80%"], [], ["100%"], []], labels);
    }

    [Fact]
    public void Several_thresholds_crossed_by_one_event_alert_once_each_in_order()
    {
        var run = Run(10m).Spend("2026-11-18T10:00Z", 12m);

        Assert.Equal(["f0.5", "f0.8", "f1"], run.Crossings.Select(c => c.ThresholdKey));
        Assert.All(run.Crossings, c => Assert.Equal(12m, c.Used));
    }

    [Fact]
    public void An_absolute_amount_threshold_crosses_at_its_amount()
    {
        var run = Run(1000m, [AlertThreshold.OfAmount(150m)]).Spend("2026-11-18T10:00Z", 149.999999999m);
        Assert.Empty(run.Crossings);

        run.Spend("2026-11-18T10:01Z", 0.000000001m);

        var crossing = Assert.Single(run.Crossings);
        Assert.Equal(("a150", "150 USD", 150m, 1000m), (crossing.ThresholdKey, crossing.ThresholdLabel, crossing.Used, crossing.Limit));
    }

    [Fact]
    public void A_tokens_threshold_is_labelled_in_tokens()
    {
        var run = Run(5000m, [AlertThreshold.OfAmount(1000m)], BudgetMetric.Tokens);

        run.Apply(new UsageEventBuilder().WithTokens(900, 150).Build());

        var crossing = Assert.Single(run.Crossings);
        Assert.Equal(("1000 tokens", 1050m, BudgetMetric.Tokens), (crossing.ThresholdLabel, crossing.Used, crossing.Metric));
    }

    [Fact]
    public void A_zero_limit_crosses_nothing_until_something_is_used()
    {
        var run = Run(0m).Apply(new UsageEventBuilder().WithCost(0m).Build());
        Assert.Empty(run.Crossings);

        run.Spend("2026-11-18T10:01Z", 0.000000001m);

        Assert.Equal(3, run.Crossings.Count());
    }

    [Fact]
    public void Thresholds_re_arm_when_the_period_moves_on()
    {
        var run = Run(10m).Spend("2026-11-18T10:00Z", 9m);

        run.Spend("2026-11-19T10:00Z", 6m);

        Assert.Equal(["f0.5", "f0.8", "f0.5"], run.Crossings.Select(c => c.ThresholdKey));
        Assert.Equal(At("2026-11-19T00:00Z"), run.Crossings.Last().SpanStart);
        Assert.Equal(["f0.5"], run.Window("daily").Current!.Crossed);
    }

    [Fact]
    public void Thresholds_re_arm_for_the_span_after_a_close()
    {
        var run = Run(10m).Spend("2026-11-18T10:00Z", 9m).Close("2026-11-19T01:00Z");

        run.Spend("2026-11-19T10:00Z", 9m);

        Assert.Equal(2, run.LastCrossings.Count());
        Assert.Equal(["f0.5", "f0.8"], run.Window("daily").Current!.Crossed);
    }

    [Fact]
    public void Equal_thresholds_written_differently_cross_once()
    {
        var run = Run(10m, [AlertThreshold.OfFraction(0.8m), AlertThreshold.OfFraction(0.80m)]).Spend("2026-11-18T10:00Z", 9m);

        Assert.Single(run.Crossings);
    }

    [Fact]
    public void Crossing_carries_the_figures_and_the_period_in_the_zone()
    {
        var run = Run(10m, [AlertThreshold.OfFraction(0.8m)], zone: "Europe/Berlin").Spend("2026-11-18T10:00Z", 8.5m);

        var crossing = Assert.Single(run.Crossings);

        Assert.Equal(UsageEventBuilder.Team("acme"), crossing.Subject);
        Assert.Equal(("daily", "daily", BudgetMode.Soft), (crossing.Window, crossing.Period, crossing.Mode));
        Assert.Equal(("f0.8", "80%", 8.5m, 10m), (crossing.ThresholdKey, crossing.ThresholdLabel, crossing.Used, crossing.Limit));
        Assert.Equal(At("2026-11-17T23:00Z"), crossing.SpanStart);
        Assert.Equal(At("2026-11-17T23:00Z"), crossing.PeriodStart);
        Assert.Equal(At("2026-11-18T23:00Z"), crossing.PeriodEnd);
        Assert.Equal("Europe/Berlin", crossing.TimeZone);
    }

    [Fact]
    public void Crossing_lists_at_most_five_top_models_by_spend()
    {
        var events = Enumerable.Range(1, 7).Select(i => Event($"2026-11-18T10:0{i}Z", i, $"model-{i}")).ToArray();

        var run = Run(100m, [AlertThreshold.OfAmount(28m)]).Apply(events);

        var crossing = Assert.Single(run.Crossings);
        Assert.Equal(AlertCrossing.TopModelCount, crossing.TopModels.Count);
        Assert.Equal(["model-7", "model-6", "model-5", "model-4", "model-3"], crossing.TopModels.Select(m => m.Model));
    }

    [Fact]
    public void Crossing_of_a_fraction_over_the_limit_is_labelled_as_such()
    {
        var run = Run(10m, [AlertThreshold.OfFraction(1.5m)]).Spend("2026-11-18T10:00Z", 15m);

        Assert.Equal("150%", Assert.Single(run.Crossings).ThresholdLabel);
    }

    [Fact]
    public void A_hard_window_alerts_like_a_soft_one()
    {
        var account = new AccountBuilder().WithBudget(10m, WindowPeriod.Daily, mode: BudgetMode.Hard).Build();

        var run = new LedgerRun(account).Spend("2026-11-18T10:00Z", 10m);

        Assert.All(run.Crossings, c => Assert.Equal(BudgetMode.Hard, c.Mode));
        Assert.Equal(3, run.Crossings.Count());
    }
}
