using Billing.Domain.Budgets;
using Billing.Domain.Entitlements;
using Billing.Domain.Ledger;
using Billing.Domain.Money;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Tests.Domain;

/// <summary>
/// Builds a subject's standing: by default <c>team:acme</c> with an account, no windows and nothing used.
/// <see cref="WithBudget"/> adds a window; <see cref="Spent"/> and <see cref="Used"/> set what the last window used.
/// </summary>
public sealed class StandingBuilder
{
    private SubjectId _subject = new(SubjectKind.Team, "acme");
    private bool _hasAccount = true;
    private readonly List<(BudgetWindow Window, UsageCounters Used)> _windows = [];

    public StandingBuilder For(SubjectKind kind, string id) { _subject = new SubjectId(kind, id); return this; }
    public StandingBuilder WithoutAccount() { _hasAccount = false; return this; }

    public StandingBuilder WithBudget(decimal limit, WindowPeriod? period = null, string? name = null, BudgetMetric metric = BudgetMetric.Cost,
        BudgetMode mode = BudgetMode.Hard, IReadOnlyList<string>? models = null)
    {
        var window = new BudgetWindow(name ?? (period ?? WindowPeriod.Monthly).Name, period ?? WindowPeriod.Monthly, metric, limit, mode, AlertThreshold.Defaults, models);
        _windows.Add((window, UsageCounters.Zero));
        return this;
    }

    /// <summary>The last window's spend (USD).</summary>
    public StandingBuilder Spent(decimal spent) => Used(new UsageCounters(MoneyUnits.ToNanos(spent), 1, TokenCounts.None, 0, 0));

    public StandingBuilder Used(UsageCounters used)
    {
        _windows[^1] = (_windows[^1].Window, used);
        return this;
    }

    public SubjectStanding Build() => new(
        _subject,
        _hasAccount,
        Currency.Usd,
        _windows.Select(w => new WindowStanding(w.Window, Span(w.Window, w.Used), [])).ToList(),
        UsageCounters.Zero);

    private static WindowSpan Span(BudgetWindow window, UsageCounters used)
    {
        var period = WindowCalendar.Containing(window.Period, TimeZoneInfo.Utc, Infrastructure.UsageEventBuilder.DefaultTime);
        return WindowSpan.Open(period) with { Usage = new UsageBreakdown(used, []) };
    }
}
