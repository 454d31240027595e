using Azure;
using Billing.Domain.Accounts;
using Billing.Domain.Credits;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// One subject's state row as read or as this process last committed it: its ETag (null: no row yet), its account
/// (null: none) with the account version behind the API's ETag, its ledger (null: no usage yet) and its prepaid credits.
/// </summary>
public sealed record SubjectState(SubjectId Subject, ETag? ETag, Account? Account, long AccountVersion, SubjectLedger? Ledger, CreditBook? Credits = null,
    string? TerminatedSubscription = null, Domain.Reservations.HoldBook? Holds = null)
{
    public CreditBook Book => Credits ?? CreditBook.Empty;

    /// <summary>The reservations in flight held on this subject.</summary>
    public Domain.Reservations.HoldBook HoldBook => Holds ?? Domain.Reservations.HoldBook.Empty;

    public static SubjectState Missing(SubjectId subject) => new(subject, null, null, 0, null);

    public bool Exists => Account is not null || Ledger is not null;

    /// <summary>
    /// Why the subject is suspended, or null: Lago terminated the subscription its usage goes to
    /// (<c>subscription.terminated</c>). Linking the account to another subscription lifts it.
    /// </summary>
    public string? Suspension => TerminatedSubscription is { } terminated && terminated == (Account?.Lago ?? Domain.Lago.LagoLink.Default).SubscriptionOf(Subject)
        ? $"its Lago subscription {terminated} was terminated"
        : null;

    /// <summary>Pays for its usage from credits: a prepaid account, or one whose Lago wallets are mirrored here.</summary>
    public bool IsPrepaid => Account is not null && (Account.IsPrepaid || Book.HasLagoWallet);

    /// <summary>The account's ETag for the API: changes with every account write, not with usage.</summary>
    public string AccountETag => $"\"a{AccountVersion}\"";
}
