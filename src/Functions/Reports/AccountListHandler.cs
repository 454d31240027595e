using Billing.Functions.Problems;
using Billing.Functions.Storage;

namespace Billing.Functions.Reports;

/// <summary>
/// <c>GET /api/accounts?prefix=&amp;limit=&amp;continuation=</c>: pages through the accounts index (not the ledger, which
/// would be a full scan), one range query a page. <c>prefix</c> filters on the subject text (<c>team:</c>); <c>limit</c>
/// is 1 to 1,000 (default 100).
/// </summary>
public sealed class AccountListHandler(AccountIndex index)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1_000;

    public async Task<Validated<AccountListResponse>> ListAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var prefix = QueryValues.Text(query, "prefix");
        if (prefix.Problem is not null) return new(null, prefix.Problem);
        if (prefix.Value is { Length: > AccountIndex.MaxPrefixLength })
            return new(null, BillingProblems.Field("prefix", $"must be at most {AccountIndex.MaxPrefixLength} characters"));
        var limit = QueryValues.Count(query, "limit", DefaultLimit, MaxLimit);
        if (limit.Problem is not null) return new(null, limit.Problem);
        var continuation = QueryValues.Text(query, "continuation");
        if (continuation.Problem is not null) return new(null, continuation.Problem);
        string? after = null;
        if (continuation.Value is { } token && !ContinuationToken.TryRead(token, out after))
            return new(null, BillingProblems.Field("continuation", "is not a continuation this list returned"));

        var page = await index.ListAsync(prefix.Value ?? "", limit.Value, after, cancellationToken);
        return new(new AccountListResponse(
            page.Accounts.Select(a => new AccountListItem(a.Subject, a.Owners, a.TimeZone, a.Windows)).ToList(),
            page.After is { } last ? ContinuationToken.Write(last) : null), null);
    }
}
