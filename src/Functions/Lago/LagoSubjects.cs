using Billing.Domain.Subjects;
using Billing.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Lago;

/// <summary>
/// The subjects behind a Lago customer or subscription id: the accounts that name it explicitly (the accounts index),
/// plus the subject of the charged kind whose bare id it is (<c>team:acme</c> for <c>acme</c>), the default mapping.
/// A default subject whose account names other ids does not match: its <see cref="Domain.Lago.LagoLink"/> decides.
/// </summary>
public sealed class LagoSubjects(AccountIndex accounts, SubjectStore store, IOptions<LagoOptions> lago)
{
    /// <summary>Accounts whose wallets are this customer's.</summary>
    public Task<IReadOnlyList<SubjectId>> ForCustomerAsync(string customer, CancellationToken cancellationToken) =>
        FindAsync(AccountIndex.LagoCustomerColumn, customer, state => state.Account is { } account && account.Lago.CustomerOf(state.Subject) == customer, cancellationToken);

    /// <summary>Subjects whose usage goes to <paramref name="subscription"/>, with an account or not.</summary>
    public Task<IReadOnlyList<SubjectId>> ForSubscriptionAsync(string subscription, CancellationToken cancellationToken) =>
        FindAsync(AccountIndex.LagoSubscriptionColumn, subscription,
            state => (state.Account?.Lago ?? Domain.Lago.LagoLink.Default).SubscriptionOf(state.Subject) == subscription, cancellationToken);

    /// <summary>The accounts naming <paramref name="id"/> in <paramref name="column"/>, and the default subject when its state <paramref name="defaultMatches"/>.</summary>
    private async Task<IReadOnlyList<SubjectId>> FindAsync(string column, string id, Func<SubjectState, bool> defaultMatches, CancellationToken cancellationToken)
    {
        var found = (await accounts.FindByLagoAsync(column, id, cancellationToken)).ToList();
        if (DefaultSubject(id) is { } subject && !found.Contains(subject) && defaultMatches(await store.ReadAsync(subject, cancellationToken)))
            found.Add(subject);
        return found;
    }

    private SubjectId? DefaultSubject(string id) =>
        lago.Value.Charge is { } charge && SubjectId.IsValidId(id) ? new SubjectId(charge.ChargeBy, id) : null;
}
