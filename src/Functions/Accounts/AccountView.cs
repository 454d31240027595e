using System.Text.Json;
using Billing.Domain.Budgets;
using Billing.Domain.Entitlements;
using Billing.Domain.Money;
using Billing.Domain.Usage;
using Billing.Functions.Json;
using Billing.Functions.Storage;

namespace Billing.Functions.Accounts;

/// <summary>The API view of a subject's state at an instant: each window in the period containing it, and lifetime totals.</summary>
internal static class AccountView
{
    public static AccountResponse Of(SubjectState state, DateTimeOffset now)
    {
        var standing = SubjectStanding.Of(state.Subject, state.Account, state.Ledger, now);
        var lifetime = standing.Lifetime;
        return new AccountResponse(
            state.Subject.ToString(),
            state.Account is not null,
            state.Account?.Owners ?? [],
            standing.Currency.Code,
            state.Account?.TimeZone.Id ?? "UTC",
            standing.Windows.Select(w => Window(w, standing.Currency.Code)).ToList(),
            new LifetimeResponse(MoneyUnits.FromNanos(lifetime.SpentNanos), lifetime.Requests, Tokens(lifetime.Tokens)))
        {
            BillingMode = Domain.Credits.CreditNames.Name(state.Account?.BillingMode ?? Domain.Credits.BillingMode.Budget),
            SuspendBelow = MoneyUnits.FromNanos(state.Account?.SuspendBelowNanos ?? 0),
            Lago = Lago(state),
        };
    }

    private static LagoLinkResponse Lago(SubjectState state)
    {
        var link = state.Account?.Lago ?? Domain.Lago.LagoLink.Default;
        return new LagoLinkResponse(link.SubscriptionOf(state.Subject), link.CustomerOf(state.Subject), link.IsDefault);
    }

    public static BudgetResponse Window(WindowStanding standing, string currency)
    {
        var window = standing.Window;
        var usage = standing.Span.Usage.Total;
        return new BudgetResponse(
            window.Name,
            window.Period.Name,
            window.Period.Kind == PeriodKind.Duration ? window.Period.Anchor : null,
            BudgetNames.Name(window.Metric),
            BudgetNames.Name(window.Mode),
            window.Limit,
            window.Models,
            window.Thresholds.Select(Threshold).ToList(),
            standing.Span.Start,
            standing.Span.End,
            standing.Span.CountFrom,
            standing.Used,
            standing.Remaining,
            MoneyUnits.FromNanos(usage.SpentNanos),
            usage.Requests,
            Tokens(usage.Tokens),
            window.Thresholds.Where(t => standing.Crossed.Contains(t.Key)).Select(t => t.Label(BudgetNames.Unit(window.Metric, currency))).ToList());
    }

    public static TokensResponse Tokens(TokenCounts t) => new(t.Prompt, t.Completion, t.CachedPrompt, t.Reasoning, t.Total);

    private static JsonElement Threshold(AlertThreshold threshold) => threshold.Fraction is { } fraction
        ? JsonSerializer.SerializeToElement(fraction, BillingJsonContext.Default.Decimal)
        : JsonSerializer.SerializeToElement(new ThresholdAmount(threshold.Amount!.Value), BillingJsonContext.Default.ThresholdAmount);
}
