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
    public async Task<IReadOnlyList<SubjectId>> ForCustomerAsync(string customer, CancellationToken cancellationToken)
    {
        var found = (await accounts.FindByLagoAsync(AccountIndex.LagoCustomerColumn, customer, cancellationToken)).ToList();
        if (DefaultSubject(customer) is { } subject && !found.Contains(subject))
        {
            var state = await store.ReadAsync(subject, cancellationToken);
            if (state.Account is { } account && account.Lago.CustomerOf(subject) == customer) found.Add(subject);
        }
        return found;
    }

    /// <summary>Subjects whose usage goes to <paramref name="subscription"/>, with an account or not.</summary>
    public async Task<IReadOnlyList<SubjectId>> ForSubscriptionAsync(string subscription, CancellationToken cancellationToken)
    {
        var found = (await accounts.FindByLagoAsync(AccountIndex.LagoSubscriptionColumn, subscription, cancellationToken)).ToList();
        if (DefaultSubject(subscription) is { } subject && !found.Contains(subject))
        {
            var state = await store.ReadAsync(subject, cancellationToken);
            if ((state.Account?.Lago ?? Domain.Lago.LagoLink.Default).SubscriptionOf(subject) == subscription) found.Add(subject);
        }
        return found;
    }

    private SubjectId? DefaultSubject(string id) =>
        lago.Value.Charge is { } charge && SubjectId.IsValidId(id) ? new SubjectId(charge.ChargeBy, id) : null;
}
