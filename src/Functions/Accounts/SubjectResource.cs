namespace Billing.Functions.Accounts;

/// <summary>What a GET under <c>/api/accounts</c> asks for (<see cref="SubjectRoute.TryReadGet"/>).</summary>
internal enum SubjectResource
{
    /// <summary><c>/api/accounts</c>: the account list.</summary>
    List,

    /// <summary><c>/api/accounts/{subject}</c>.</summary>
    Account,

    /// <summary><c>/api/accounts/{subject}/usage</c>.</summary>
    Usage,

    /// <summary><c>/api/accounts/{subject}/events</c>.</summary>
    Events,
}
