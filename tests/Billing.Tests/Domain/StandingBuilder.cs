using Billing.Domain.Budgets;
using Billing.Domain.Entitlements;
using Billing.Domain.Ledger;
using Billing.Domain.Money;
using Billing.Domain.Subjects;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Domain;

/// <summary>Builds a subject's standing: by default <c>team:acme</c> with an account, no budget and nothing spent.</summary>
public sealed class StandingBuilder
{
    private SubjectId _subject = new(SubjectKind.Team, "acme");
    private bool _hasAccount = true;
    private decimal? _limit;
    private decimal _spent;
    private BudgetPeriod _period = BudgetPeriod.Total;

    public StandingBuilder For(SubjectKind kind, string id) { _subject = new SubjectId(kind, id); return this; }
    public StandingBuilder WithoutAccount() { _hasAccount = false; return this; }
    public StandingBuilder WithBudget(decimal limit, BudgetPeriod period = BudgetPeriod.Monthly) { _limit = limit; _period = period; return this; }
    public StandingBuilder Spent(decimal spent) { _spent = spent; return this; }

    public SubjectStanding Build() => new(
        _subject,
        _hasAccount,
        Currency.Usd,
        _limit,
        _spent,
        BudgetCalendar.Containing(_period, UsageEventBuilder.DefaultTime),
        new UsageCounters(MoneyUnits.ToNanos(_spent), 1, default));
}
