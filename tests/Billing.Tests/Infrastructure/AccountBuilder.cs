using Billing.Domain.Accounts;
using Billing.Domain.Budgets;
using Billing.Domain.Money;
using Billing.Domain.Subjects;

namespace Billing.Tests.Infrastructure;

public sealed class AccountBuilder
{
    private SubjectId _subject = new(SubjectKind.Team, "acme");
    private Budget? _budget;
    private List<string> _owners = ["owner@example.com"];

    public AccountBuilder For(SubjectId subject) { _subject = subject; return this; }
    public AccountBuilder WithBudget(decimal limit, BudgetPeriod period) { _budget = new Budget(new Money(limit, Currency.Usd), period); return this; }
    public AccountBuilder OwnedBy(params string[] owners) { _owners = [.. owners]; return this; }

    public Account Build() => new(_subject, _owners, Currency.Usd, _budget);
}
