using Billing.Domain.Accounts;
using Billing.Domain.Budgets;
using Billing.Domain.Money;
using Billing.Domain.Subjects;

namespace Billing.Tests.Infrastructure;

/// <summary>Builds accounts: by default <c>team:acme</c>, owned by owner@example.com, UTC, no windows.</summary>
public sealed class AccountBuilder
{
    private SubjectId _subject = new(SubjectKind.Team, "acme");
    private readonly List<BudgetWindow> _windows = [];
    private List<string> _owners = ["owner@example.com"];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    public AccountBuilder For(SubjectId subject) { _subject = subject; return this; }
    public AccountBuilder OwnedBy(params string[] owners) { _owners = [.. owners]; return this; }
    public AccountBuilder In(string timeZone) { _zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone); return this; }

    public AccountBuilder WithBudget(decimal limit, WindowPeriod period, string? name = null, BudgetMetric metric = BudgetMetric.Cost,
        BudgetMode mode = BudgetMode.Hard, IReadOnlyList<AlertThreshold>? thresholds = null, IReadOnlyList<string>? models = null)
    {
        _windows.Add(new BudgetWindow(name ?? period.Name, period, metric, limit, mode, thresholds ?? AlertThreshold.Defaults, models));
        return this;
    }

    public Account Build() => new(_subject, _owners, Currency.Usd, _zone, _windows);
}
