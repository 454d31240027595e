using Billing.Domain.Budgets;
using Billing.Domain.Entitlements;
using Billing.Domain.Subjects;

namespace Billing.Tests.Domain;

public sealed class EntitlementPolicyTests
{
    private static EntitlementDecision Decide(decimal estimate, params SubjectStanding[] standings) =>
        EntitlementPolicy.Decide(standings, new CheckEstimate(estimate, 0, null), UnknownSubjectPolicy.Allow);

    public static TheoryData<decimal, decimal, decimal, bool> Budgets => new()
    {
        // limit, spent, estimate, allowed
        { 10m, 0m, 0m, true },
        { 10m, 9m, 1m, true },
        { 10m, 9m, 1.000000001m, false },
        { 10m, 9.999999999m, 0m, true },
        { 10m, 9.999999999m, 0.000000001m, true },
        { 10m, 9.999999999m, 0.000000002m, false },
        { 10m, 10m, 0m, false },
        { 10m, 12.5m, 0m, false },
        { 0.00025395m, 0m, 0.00025395m, true },
        { 0m, 0m, 0m, false },
        { 0m, 0m, 0.000000001m, false },
    };

    [Theory]
    [MemberData(nameof(Budgets))]
    public void Allows_only_while_spent_plus_estimate_stays_within_the_limit(decimal limit, decimal spent, decimal estimate, bool allowed)
    {
        var decision = Decide(estimate, new StandingBuilder().WithBudget(limit).Spent(spent).Build());

        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public void Denial_for_an_estimate_over_the_limit_says_it_would_exceed()
    {
        var decision = Decide(2m, new StandingBuilder().WithBudget(10m, WindowPeriod.Daily).Spent(9m).Build());

        Assert.False(decision.Allowed);
        Assert.Equal("team:acme would exceed its \"daily\" budget (daily, cost): used 9 + estimated 2 > limit 10 USD", decision.Reason);
    }

    [Fact]
    public void Spent_budget_is_denied_even_with_a_zero_estimate()
    {
        var decision = Decide(0m, new StandingBuilder().WithBudget(10m, WindowPeriod.Weekly).Spent(10m).Build());

        Assert.False(decision.Allowed);
        Assert.Equal("team:acme has used its \"weekly\" budget (weekly, cost): used 10 of 10 USD", decision.Reason);
    }

    [Fact]
    public void Zero_budget_denies_a_free_call()
    {
        var decision = Decide(0m, new StandingBuilder().WithBudget(0m).Build());

        Assert.False(decision.Allowed);
    }

    [Fact]
    public void Subject_without_a_budget_is_unlimited()
    {
        var decision = Decide(1_000_000m, new StandingBuilder().Build());

        Assert.True(decision.Allowed);
        Assert.Equal("within budget", decision.Reason);
    }

    [Fact]
    public void Unknown_subject_is_allowed_when_the_policy_allows_it()
    {
        var standing = new StandingBuilder().WithoutAccount().Build();

        var decision = EntitlementPolicy.Decide([standing], new CheckEstimate(1m, 0, null), UnknownSubjectPolicy.Allow);

        Assert.True(decision.Allowed);
    }

    [Fact]
    public void Unknown_subject_is_denied_by_name_when_the_policy_denies_it()
    {
        var known = new StandingBuilder().For(SubjectKind.Key, "k1").Build();
        var unknown = new StandingBuilder().For(SubjectKind.EndUser, "cust-9").WithoutAccount().Build();

        var decision = EntitlementPolicy.Decide([known, unknown], CheckEstimate.None, UnknownSubjectPolicy.Deny);

        Assert.False(decision.Allowed);
        Assert.Equal("end_user:cust-9 has no account and unknown subjects are denied", decision.Reason);
    }

    [Fact]
    public void Reason_names_the_first_failing_subject_in_order()
    {
        var key = new StandingBuilder().For(SubjectKind.Key, "k1").WithBudget(100m).Spent(1m).Build();
        var team = new StandingBuilder().For(SubjectKind.Team, "acme").WithBudget(10m).Spent(10m).Build();
        var org = new StandingBuilder().For(SubjectKind.Org, "acme-org").WithBudget(5m).Spent(7m).Build();

        var decision = Decide(0.5m, key, team, org);

        Assert.StartsWith("team:acme has used its \"monthly\" budget", decision.Reason);
        Assert.Equal(new Denial(team.Subject, "monthly"), decision.DeniedBy);
        Assert.DoesNotContain("org:", decision.Reason);
    }

    [Fact]
    public void Decision_reports_every_subject_whatever_the_outcome()
    {
        var key = new StandingBuilder().For(SubjectKind.Key, "k1").WithBudget(1m).Spent(1m).Build();
        var team = new StandingBuilder().For(SubjectKind.Team, "acme").Build();

        var decision = Decide(0m, key, team);

        Assert.Equal([key, team], decision.Subjects);
    }

    [Fact]
    public void No_subjects_is_a_caller_bug()
    {
        Assert.Throws<ArgumentException>(() => EntitlementPolicy.Decide([], CheckEstimate.None, UnknownSubjectPolicy.Allow));
    }

    [Fact]
    public void Negative_estimate_is_a_caller_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Decide(-0.01m, new StandingBuilder().Build()));
    }
}
