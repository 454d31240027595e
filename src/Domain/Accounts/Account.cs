using Billing.Domain.Budgets;
using Billing.Domain.Money;
using Billing.Domain.Subjects;

namespace Billing.Domain.Accounts;

/// <summary>The owners, currency and optional budget of one subject. No budget means unlimited.</summary>
public sealed record Account
{
    public Account(SubjectId subject, IReadOnlyList<string> owners, Currency currency, Budget? budget)
    {
        Guard.That(budget is null || budget.Limit.Currency == currency, "must be in the account currency", nameof(budget));
        Subject = subject;
        Owners = owners;
        Currency = currency;
        Budget = budget;
    }

    public SubjectId Subject { get; }
    public IReadOnlyList<string> Owners { get; }
    public Currency Currency { get; }
    public Budget? Budget { get; }
}
