using Billing.Domain.Budgets;

namespace Billing.Domain.Entitlements;

/// <summary>
/// Denies when any hard window of any subject that governs the call is used up, or would be exceeded by the
/// estimate (cost windows by the estimated cost, token windows by the estimated tokens, request windows by this one
/// request). Soft windows never deny. Subjects without windows are unlimited; subjects without an account follow
/// <see cref="UnknownSubjectPolicy"/>.
/// </summary>
public static class EntitlementPolicy
{
    /// <summary>
    /// Also denies when the call's prepaid <paramref name="payer"/> is suspended or its balance does not cover the
    /// estimated cost; the payer's credits pay, every subject's windows still apply. A subject in
    /// <paramref name="suspended"/> (with the reason) denies every call it governs.
    /// </summary>
    public static EntitlementDecision Decide(IReadOnlyList<SubjectStanding> standings, CheckEstimate estimate, UnknownSubjectPolicy unknownSubjects, PayerStanding? payer = null,
        IReadOnlyDictionary<Subjects.SubjectId, string>? suspended = null)
    {
        Guard.That(standings.Count > 0, "must name at least one subject", nameof(standings));
        Guard.NotNegative(estimate.Cost, nameof(estimate));
        Guard.NotNegative(estimate.Tokens, nameof(estimate));

        foreach (var standing in standings)
        {
            if (suspended is not null && suspended.TryGetValue(standing.Subject, out var why))
                return Deny(standing.Subject, null, DecisionReason.SubjectSuspended, $"{standing.Subject} is suspended: {why}");
            if (!standing.HasAccount && unknownSubjects == UnknownSubjectPolicy.Deny)
                return Deny(standing.Subject, null, DecisionReason.UnknownSubject, $"{standing.Subject} has no account and unknown subjects are denied");
            foreach (var window in standing.Windows)
            {
                if (window.Window.Mode != BudgetMode.Hard || !window.AppliesTo(estimate.Model)) continue;
                var unit = BudgetNames.Unit(window.Window.Metric, standing.Currency.Code);
                var name = $"\"{window.Window.Name}\" budget ({window.Window.Period.Name}, {BudgetNames.Name(window.Window.Metric)})";
                var used = window.Used;
                var limit = window.Window.Limit;
                if (used >= limit)
                    return Deny(standing.Subject, window, DecisionReason.BudgetUsed, $"{standing.Subject} has used its {name}: used {used} of {limit} {unit}");
                var expected = Expected(window.Window.Metric, estimate);
                if (checked(used + expected) > limit)
                    return Deny(standing.Subject, window, DecisionReason.BudgetWouldExceed, $"{standing.Subject} would exceed its {name}: used {used} + estimated {expected} > limit {limit} {unit}");
            }
        }
        if (payer is not null)
        {
            var balance = Money.MoneyUnits.FromNanos(payer.BalanceNanos);
            if (payer.IsSuspended)
                return Deny(payer.Subject, null, DecisionReason.PayerSuspended, $"{payer.Subject} is suspended: its prepaid balance {balance} USD is below {Money.MoneyUnits.FromNanos(payer.SuspendBelowNanos)} USD");
            if (checked(payer.BalanceNanos - Money.MoneyUnits.ToNanos(estimate.Cost)) < 0)
                return Deny(payer.Subject, null, DecisionReason.BalanceTooLow, $"{payer.Subject} pays for this call and its prepaid balance {balance} USD does not cover the estimated {estimate.Cost} USD");
        }
        return new EntitlementDecision(true, "within budget", standings);

        EntitlementDecision Deny(Subjects.SubjectId subject, WindowStanding? window, DecisionReason code, string reason) =>
            new(false, reason, standings, new Denial(subject, window?.Window.Name)) { Code = code };
    }

    private static decimal Expected(BudgetMetric metric, CheckEstimate estimate) => metric switch
    {
        BudgetMetric.Cost => estimate.Cost,
        BudgetMetric.Tokens => estimate.Tokens,
        _ => 1m,
    };
}
