using Azure.Data.Tables;
using Billing.Domain.Accounts;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// The accounts index (table <c>&lt;prefix&gt;accounts</c>): one row per account in one partition, RowKey
/// <see cref="TableKeys.Encode"/> of the subject, holding the few fields the list shows. Listing the ledger table would
/// scan every row of every subject; this table is read with RowKey range queries. <see cref="AccountStore"/> writes a
/// row before the account's transaction (write-ahead), so every account is listed; a listed subject lacks an account
/// only if that transaction then failed.
/// </summary>
public sealed class AccountIndex(BillingTables tables)
{
    public const string Partition = "a";

    /// <summary>Longest <c>prefix</c>: its key stays inside the part a shortened key keeps (<see cref="TableKeys"/>).</summary>
    public const int MaxPrefixLength = 64;

    private static readonly string[] Columns = ["RowKey", "Subject", "Owners", "TimeZone", "Windows"];

    public async Task PutAsync(Account account, CancellationToken cancellationToken)
    {
        var listing = AccountListing.Of(account);
        var row = new TableEntity(Partition, TableKeys.Encode(listing.Subject))
        {
            ["Subject"] = listing.Subject,
            ["Owners"] = string.Join('\n', listing.Owners),
            ["TimeZone"] = listing.TimeZone,
            ["Windows"] = string.Join('\n', listing.Windows),
            ["LagoCustomer"] = account.Lago.ExternalCustomerId,
            ["LagoSubscription"] = account.Lago.ExternalSubscriptionId,
        };
        await tables.Accounts.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Puts the row back as the committed account has it, after a write that wrote the row ahead and then did not commit.</summary>
    public Task RestoreAsync(SubjectId subject, Account? committed, CancellationToken cancellationToken) => committed is not null
        ? PutAsync(committed, cancellationToken)
        : tables.Accounts.DeleteEntityAsync(Partition, TableKeys.Encode(subject.ToString()), cancellationToken: cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> accounts whose subject starts with <paramref name="prefix"/>, in row-key order,
    /// after row key <paramref name="after"/>: one range query (two when a page of 1,000 has more after it).
    /// </summary>
    public async Task<AccountPage> ListAsync(string prefix, int limit, string? after, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var low = TableKeys.Encode(prefix);
        var filters = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {Partition}") };
        filters.Add(after is not null && string.CompareOrdinal(after, low) >= 0
            ? TableClient.CreateQueryFilter($"RowKey gt {after}")
            : TableClient.CreateQueryFilter($"RowKey ge {low}"));
        if (PrefixEnd(low) is { } high) filters.Add(TableClient.CreateQueryFilter($"RowKey lt {high}"));

        var found = new List<(string RowKey, AccountListing Listing)>(limit + 1);
        await foreach (var row in tables.Accounts.QueryAsync<TableEntity>(string.Join(" and ", filters), Math.Min(limit + 1, 1000), Columns, cancellationToken))
        {
            // Keys that share the encoded prefix are contiguous in any ordering; the first one past it ends the list.
            if (!row.RowKey.StartsWith(low, StringComparison.Ordinal)) break;
            found.Add((row.RowKey, Read(row)));
            if (found.Count > limit) break;
        }
        var more = found.Count > limit;
        if (more) found.RemoveAt(limit);
        return new AccountPage(found.Select(f => f.Listing).ToList(), more ? found[^1].RowKey : null);
    }

    /// <summary>
    /// Subjects whose account names <paramref name="value"/> explicitly as its Lago customer or subscription
    /// (<paramref name="column"/>: <see cref="LagoCustomerColumn"/> or <see cref="LagoSubscriptionColumn"/>). A filter
    /// over the index's one partition: it reads every account row, which a Lago webhook or a wallet refresh can afford.
    /// </summary>
    public async Task<IReadOnlyList<SubjectId>> FindByLagoAsync(string column, string value, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}") + " and " + column + " eq " + TableClient.CreateQueryFilter($"{value}");
        var found = new List<SubjectId>();
        await foreach (var row in tables.Accounts.QueryAsync<TableEntity>(filter, 1000, ["Subject"], cancellationToken))
        {
            if (SubjectId.TryParse(row.GetString("Subject"), out var subject)) found.Add(subject);
        }
        return found;
    }

    public const string LagoCustomerColumn = "LagoCustomer";
    public const string LagoSubscriptionColumn = "LagoSubscription";

    private static AccountListing Read(TableEntity row) => new(
        row.GetString("Subject") ?? throw new InvalidDataException($"account index row {row.RowKey} has no subject"),
        Split(row.GetString("Owners")),
        row.GetString("TimeZone") is { Length: > 0 } zone ? zone : "UTC",
        Split(row.GetString("Windows")));

    private static string[] Split(string? joined) => (joined ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The least key above every key that starts with <paramref name="prefix"/>, when its last character can simply be
    /// incremented (below the surrogates, where UTF-16 and code-point orders agree); else null, and the
    /// <see cref="ListAsync"/> loop stops at the first key past the prefix.
    /// </summary>
    internal static string? PrefixEnd(string prefix) =>
        prefix.Length > 0 && prefix[^1] < '\uD7FF' ? string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(prefix[^1] + 1)).ToString()) : null;
}
