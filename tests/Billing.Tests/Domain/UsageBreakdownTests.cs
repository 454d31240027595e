using Billing.Domain.Ledger;
using Billing.Domain.Usage;

namespace Billing.Tests.Domain;

public sealed class UsageBreakdownTests
{
    private static UsageCounters Nanos(long spent, long requests = 1) => new(spent, requests, new TokenCounts(10, 5, 0, 0), 0, 0);

    private static UsageBreakdown Models(int count, string prefix = "m", long spent = 1) => Enumerable.Range(0, count)
        .Aggregate(UsageBreakdown.Empty, (sum, i) => sum.Add($"{prefix}{i:00}", "p", Nanos(spent)));

    [Fact]
    public void Models_past_the_maximum_fold_into_other_with_exact_totals()
    {
        var breakdown = Models(UsageBreakdown.MaxModels + 6, spent: 3);

        Assert.Equal(UsageBreakdown.MaxModels + 1, breakdown.Models.Count);
        var other = breakdown.Models[^1];
        Assert.Equal((UsageBreakdown.OtherModels, (string?)null), (other.Model, other.Provider));
        Assert.Equal(Nanos(18, 6) with { Tokens = new TokenCounts(60, 30, 0, 0) }, other.Counters);
        Assert.Equal(3L * (UsageBreakdown.MaxModels + 6), breakdown.Total.SpentNanos);
        Assert.Equal(breakdown.Total, breakdown.Models.Aggregate(UsageCounters.Zero, (sum, m) => sum + m.Counters));
    }

    [Fact]
    public void A_known_model_keeps_its_own_entry_after_the_list_is_full()
    {
        var breakdown = Models(UsageBreakdown.MaxModels + 1).Add("m00", null, Nanos(5));

        Assert.Equal(6, breakdown.Models.Single(m => m.Model == "m00").Counters.SpentNanos);
        Assert.Equal("p", breakdown.Models.Single(m => m.Model == "m00").Provider);
        Assert.Equal(1, breakdown.Models.Single(m => m.Model == UsageBreakdown.OtherModels).Counters.SpentNanos);
    }

    [Fact]
    public void Model_names_are_told_apart_by_case()
    {
        var breakdown = UsageBreakdown.Empty.Add("gpt-4o", "openai", Nanos(1)).Add("GPT-4o", "azure", Nanos(2));

        Assert.Equal(["gpt-4o", "GPT-4o"], breakdown.Models.Select(m => m.Model));
    }

    [Fact]
    public void Adding_breakdowns_keeps_totals_exact_where_lists_fold()
    {
        var a = Models(20, "a", spent: 7);
        var b = Models(20, "b", spent: 11);

        var sum = a.Add(b);

        Assert.Equal(a.Total + b.Total, sum.Total);
        Assert.Equal(UsageBreakdown.MaxModels + 1, sum.Models.Count);
        Assert.Equal(16 * 11, sum.Models.Single(m => m.Model == UsageBreakdown.OtherModels).Counters.SpentNanos);
    }

    [Fact]
    public void Adding_a_breakdown_whose_total_exceeds_its_models_keeps_its_total()
    {
        var lifetime = new UsageBreakdown(Nanos(1_000, 40), [new ModelUsage("gpt-4o", "openai", Nanos(10))]);

        var sum = Models(2).Add(lifetime);

        Assert.Equal(1_002, sum.Total.SpentNanos);
        Assert.Equal(42, sum.Total.Requests);
    }

    [Fact]
    public void Adding_the_empty_breakdown_changes_nothing()
    {
        var breakdown = Models(3);

        Assert.Equal(breakdown, breakdown.Add(UsageBreakdown.Empty));
        Assert.Equal(breakdown, UsageBreakdown.Empty.Add(breakdown));
    }

    [Fact]
    public void Top_orders_by_spend_then_requests_then_name()
    {
        var breakdown = UsageBreakdown.Empty
            .Add("c", null, Nanos(5, 1)).Add("b", null, Nanos(5, 3)).Add("a", null, Nanos(5, 3)).Add("z", null, Nanos(9)).Add("B", null, Nanos(5, 3));

        Assert.Equal(["z", "B", "a", "b", "c"], breakdown.Top(10).Select(m => m.Model));
        Assert.Equal(["z", "B"], breakdown.Top(2).Select(m => m.Model));
        Assert.Empty(breakdown.Top(0));
    }

    [Fact]
    public void Where_keeps_the_accepted_models_with_totals_to_match()
    {
        var breakdown = UsageBreakdown.Empty.Add("a", null, Nanos(1)).Add("b", null, Nanos(2)).Add("c", null, Nanos(4));

        var kept = breakdown.Where(m => m != "b");

        Assert.Equal(["a", "c"], kept.Models.Select(m => m.Model));
        Assert.Equal(Nanos(5, 2) with { Tokens = new TokenCounts(20, 10, 0, 0) }, kept.Total);
    }

    [Fact]
    public void Where_accepting_everything_is_the_breakdown_itself()
    {
        var breakdown = Models(3);

        Assert.Same(breakdown, breakdown.Where(_ => true));
        Assert.True(breakdown.Where(_ => false).IsEmpty);
    }

    [Fact]
    public void Breakdowns_with_equal_counters_are_equal()
    {
        Assert.Equal(Models(4), Models(4));
        Assert.NotEqual(Models(4), Models(5));
    }
}
