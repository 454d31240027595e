using System.Globalization;
using Billing.Domain.Budgets;
using Billing.Functions.Credits;
using Billing.Functions.Entitlements;

namespace Billing.Functions.Guardrail;

/// <summary>
/// The <c>blocked_reason</c> LiteLLM shows the client, from a denying check: <c>team:acme daily: spent 9.99 of 10 USD</c>
/// for a window (its used and limit, in its unit), <c>team:acme credits: balance 0.01 USD</c> when the prepaid payer
/// denies, and the check's own reason otherwise (a suspended subject, or one without an account when those are denied).
/// </summary>
public static class BlockedReason
{
    public static string Of(CheckResponse answer)
    {
        if (answer.DeniedBy is not { } denial) return answer.Reason;
        if (denial.Window is { } name)
        {
            var subject = answer.Subjects.FirstOrDefault(s => s.Subject == denial.Subject);
            if (subject?.Windows.FirstOrDefault(w => w.Name == name) is { } window)
                return $"{denial.Subject} {name}: spent {Amount(window.Used)} of {Amount(window.Limit)} {Unit(window.Metric, subject.Currency)}";
        }
        else if (answer.Payer is { } payer && payer.Subject == denial.Subject)
        {
            var suspended = payer.Status == CreditView.StatusName(suspended: true) ? ", suspended" : "";
            return $"{payer.Subject} credits: balance {Amount(payer.Balance)} USD{suspended}";
        }
        return answer.Reason;
    }

    private static string Unit(string metric, string currency) =>
        BudgetNames.TryParseMetric(metric, out var parsed) ? BudgetNames.Unit(parsed, currency) : metric;

    /// <summary>Invariant, without trailing zeros: <c>10</c>, <c>9.99</c>, <c>0.000125</c>.</summary>
    private static string Amount(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}
