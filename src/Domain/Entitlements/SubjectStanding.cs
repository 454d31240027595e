using Billing.Domain.Accounts;
using Billing.Domain.Ledger;
using Billing.Domain.Money;
using Billing.Domain.Subjects;

namespace Billing.Domain.Entitlements;

/// <summary>Where one subject stands at <c>now</c>: each window of its account in the period containing now. No windows: unlimited.</summary>
public sealed record SubjectStanding(SubjectId Subject, bool HasAccount, Currency Currency, IReadOnlyList<WindowStanding> Windows, UsageCounters Lifetime)
{
    /// <summary>With <paramref name="holds"/>, the active holds count as used in every window they apply to.</summary>
    public static SubjectStanding Of(SubjectId subject, Account? account, SubjectLedger? ledger, DateTimeOffset now, Reservations.HoldBook? holds = null)
    {
        ledger ??= SubjectLedger.Empty;
        var windows = new List<WindowStanding>();
        foreach (var window in account?.Budgets ?? [])
        {
            var context = new WindowContext(subject, window, account!.TimeZone, account.Currency.Code);
            var stored = ledger.Window(window.Name) is { } w && w.Definition == context.Definition ? w : WindowLedger.Fresh(context);
            var span = stored.SpanAt(context, now);
            windows.Add(new WindowStanding(window, span, span.Crossed) { Held = holds?.HeldIn(window, now) ?? 0m });
        }
        return new SubjectStanding(subject, account is not null, account?.Currency ?? Currency.Usd, windows, ledger.Lifetime);
    }
}
