using Billing.Domain.Accounts;

namespace Billing.Functions.Storage;

/// <summary>An account as the account list shows it, from its row in the accounts index: no ledger, no limits.</summary>
public sealed record AccountListing(string Subject, IReadOnlyList<string> Owners, string TimeZone, IReadOnlyList<string> Windows)
{
    public static AccountListing Of(Account account) =>
        new(account.Subject.ToString(), account.Owners, account.TimeZone.Id, account.Budgets.Select(b => b.Name).ToList());

    public bool Equals(AccountListing? other) => other is not null && Subject == other.Subject && TimeZone == other.TimeZone
        && Owners.SequenceEqual(other.Owners) && Windows.SequenceEqual(other.Windows);

    public override int GetHashCode() => HashCode.Combine(Subject, TimeZone, Owners.Count, Windows.Count);
}
