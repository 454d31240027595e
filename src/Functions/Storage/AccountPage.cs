namespace Billing.Functions.Storage;

/// <summary>One page of the account list; <see cref="After"/> is the last row key on it when more follow, else null.</summary>
public sealed record AccountPage(IReadOnlyList<AccountListing> Accounts, string? After);
