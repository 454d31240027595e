using Billing.Domain.Accounts;
using Billing.Domain.Credits;
using Billing.Domain.Money;

namespace Billing.Functions.Credits;

/// <summary>The API view of a subject's credits at an instant.</summary>
public static class CreditView
{
    public static string Status(Account account, CreditBook book, DateTimeOffset now) =>
        StatusName((account.IsPrepaid || book.HasLagoWallet) && book.BalanceNanos(now) < account.SuspendBelowNanos);

    /// <summary><c>suspended</c> or <c>active</c>: the one place these names are written.</summary>
    public static string StatusName(bool suspended) => suspended ? "suspended" : "active";

    public static CreditsResponse Of(Account account, CreditBook book, DateTimeOffset now) => new(
        account.Subject.ToString(),
        CreditNames.Name(account.BillingMode),
        MoneyUnits.FromNanos(book.BalanceNanos(now)),
        MoneyUnits.FromNanos(book.OverdraftNanos),
        MoneyUnits.FromNanos(account.SuspendBelowNanos),
        Status(account, book, now),
        book.Grants.OrderBy(g => g.GrantedAt).Select(g => new GrantResponse(
            g.Id, MoneyUnits.FromNanos(g.AmountNanos), MoneyUnits.FromNanos(g.IsUsableAt(now) ? g.RemainingNanos : 0), g.Priority, g.GrantedAt, g.ExpiresAt, g.Reason,
            g.Voided ? "voided" : g.ExpiryRecorded || g.ExpiresAt <= now ? "expired" : g.RemainingNanos == 0 ? "used_up" : "active")).ToList());

    public static CreditEntryResponse Entry(CreditEntry entry) =>
        new(CreditNames.Name(entry.Kind), entry.GrantId, MoneyUnits.FromNanos(entry.AmountNanos), entry.At, entry.Reference);
}
