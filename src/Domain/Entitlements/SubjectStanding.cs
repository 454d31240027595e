using Billing.Domain.Accounts;
using Billing.Domain.Budgets;
using Billing.Domain.Ledger;
using Billing.Domain.Money;
using Billing.Domain.Subjects;

namespace Billing.Domain.Entitlements;

/// <summary>
/// Where one subject stands at <c>now</c>: its limit and spend in the current budget period.
/// <see cref="Limit"/> and <see cref="Remaining"/> are null when the subject has no budget (unlimited).
/// </summary>
public sealed record SubjectStanding(
    SubjectId Subject,
    bool HasAccount,
    Currency Currency,
    decimal? Limit,
    decimal Spent,
    PeriodInterval Period,
    UsageCounters Usage)
{
    public decimal? Remaining => Limit is { } limit ? limit - Spent : null;

    public static SubjectStanding Of(SubjectId subject, Account? account, SubjectLedger? ledger, DateTimeOffset now)
    {
        var budget = account?.Budget;
        var period = BudgetCalendar.Containing(budget?.Period ?? BudgetPeriod.Total, now);
        var usage = (ledger ?? SubjectLedger.Empty).CurrentUsage(period.Period, now);
        return new SubjectStanding(
            subject,
            account is not null,
            account?.Currency ?? Currency.Usd,
            budget?.Limit.Amount,
            MoneyUnits.FromNanos(usage.SpentNanos),
            period,
            usage);
    }
}
