using Billing.Domain.Accounts;
using Billing.Domain.Budgets;
using Billing.Domain.Money;
using Billing.Domain.Subjects;
using Billing.Functions.Storage;

namespace Billing.Bench.Scenarios;

/// <summary>
/// Gives subjects accounts with budget windows, as production has them: the ingest then keeps window counters in the
/// same state row update, and the rollover has periods to close. Limits are high enough that nothing alerts.
/// </summary>
public static class BudgetAccounts
{
    public static Account Typical(SubjectId subject, bool prepaid = false) => new(subject, ["owner@example.com"], Currency.Usd, TimeZoneInfo.Utc,
    [
        new BudgetWindow("daily", WindowPeriod.Daily, BudgetMetric.Cost, 1_000_000m, BudgetMode.Hard, AlertThreshold.Defaults, null),
        new BudgetWindow("monthly", WindowPeriod.Monthly, BudgetMetric.Cost, 10_000_000m, BudgetMode.Soft, AlertThreshold.Defaults, null),
    ], prepaid ? Billing.Domain.Credits.BillingMode.Prepaid : Billing.Domain.Credits.BillingMode.Budget);

    /// <summary>Saves <see cref="Typical"/> accounts for <paramref name="subjects"/> through the app's own account store.</summary>
    public static Task SaveAsync(AccountStore accounts, IEnumerable<SubjectId> subjects, DateTimeOffset now, CancellationToken cancellationToken, bool prepaid = false) =>
        Parallel.ForEachAsync(subjects, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (subject, token) => await accounts.SaveAsync(Typical(subject, prepaid), null, now, token));

    /// <summary>Two grants each (different priorities), so burns split across grants now and then.</summary>
    public static Task GrantAsync(CreditStore credits, IEnumerable<SubjectId> subjects, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(subjects, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (subject, token) =>
        {
            await credits.GrantAsync(subject, new Billing.Domain.Credits.CreditGrant("bench-a", 1_000_000_000, 1_000_000_000, 0, DateTimeOffset.UtcNow, null, null), token);
            await credits.GrantAsync(subject, new Billing.Domain.Credits.CreditGrant("bench-b", 1_000_000_000_000_000, 1_000_000_000_000_000, 1, DateTimeOffset.UtcNow, null, null), token);
        });
}
