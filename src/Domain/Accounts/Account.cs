using Billing.Domain.Budgets;
using Billing.Domain.Credits;
using Billing.Domain.Lago;
using Billing.Domain.Money;
using Billing.Domain.Subjects;

namespace Billing.Domain.Accounts;

/// <summary>
/// The owners, time zone and budget windows of one subject. No windows means unlimited. Calendar windows follow
/// <see cref="TimeZone"/>. Window names are unique. A <see cref="BillingMode.Prepaid"/> account pays for usage from
/// its credits and is suspended while its balance is below <see cref="SuspendBelowNanos"/>.
/// </summary>
public sealed record Account
{
    public const int MaxWindows = 16;

    public Account(SubjectId subject, IReadOnlyList<string> owners, Currency currency, TimeZoneInfo timeZone, IReadOnlyList<BudgetWindow> budgets,
        BillingMode billingMode = BillingMode.Budget, long suspendBelowNanos = 0, LagoLink? lago = null)
    {
        Guard.That(budgets.Count <= MaxWindows, $"must have at most {MaxWindows} windows", nameof(budgets));
        Guard.That(budgets.Select(b => b.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() == budgets.Count, "window names must be unique", nameof(budgets));
        Subject = subject;
        Owners = owners;
        Currency = currency;
        TimeZone = timeZone;
        Budgets = budgets;
        BillingMode = billingMode;
        SuspendBelowNanos = suspendBelowNanos;
        Lago = lago ?? LagoLink.Default;
    }

    public SubjectId Subject { get; }
    public IReadOnlyList<string> Owners { get; }
    public Currency Currency { get; }
    public TimeZoneInfo TimeZone { get; }
    public IReadOnlyList<BudgetWindow> Budgets { get; }
    public BillingMode BillingMode { get; }

    /// <summary>A prepaid account whose balance is below this (nanos; default 0) is suspended: the check denies.</summary>
    public long SuspendBelowNanos { get; }

    /// <summary>The Lago customer and subscription of this subject; by default its bare id for both.</summary>
    public LagoLink Lago { get; }

    public bool IsPrepaid => BillingMode == BillingMode.Prepaid;

    public BudgetWindow? Window(string name) => Budgets.FirstOrDefault(b => b.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public string WindowDefinition(BudgetWindow window) => window.Definition(TimeZone.Id);
}
