namespace Billing.Functions.Reports;

/// <summary>A page of accounts; pass <see cref="Continuation"/> back as <c>continuation</c> for the next one (null: the last page).</summary>
public sealed record AccountListResponse(IReadOnlyList<AccountListItem> Accounts, string? Continuation);

/// <summary>An account as listed: its subject, owners, IANA time zone and the names of its budget windows.</summary>
public sealed record AccountListItem(string Subject, IReadOnlyList<string> Owners, string TimeZone, IReadOnlyList<string> Windows);
