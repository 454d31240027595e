using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Billing.Domain.Credits;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// One credit-ledger entry in the subject's partition, RowKey <c>c|&lt;inverted ticks&gt;|&lt;kind&gt;|&lt;hash&gt;</c> so a
/// range query reads the newest first. Written in the same transaction as the change it records, so a burn exists
/// exactly when its spend does. The hash of kind, grant, reference and amount keeps the key unique and stable on retries.
/// </summary>
internal static class CreditEntryRow
{
    public const string Prefix = "c|";

    public static string RowKey(CreditEntry entry)
    {
        var inverted = DateTimeOffset.MaxValue.UtcTicks - entry.At.UtcTicks;
        var identity = $"{entry.Kind}|{entry.GrantId}|{entry.Reference}|{entry.AmountNanos}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 8));
        return $"{Prefix}{inverted:D19}|{CreditNames.Name(entry.Kind)}|{hash}";
    }

    public static TableEntity Create(SubjectId subject, CreditEntry entry) => new(SubjectRow.PartitionKey(subject), RowKey(entry))
    {
        ["Subject"] = subject.ToString(),
        ["Kind"] = CreditNames.Name(entry.Kind),
        ["GrantId"] = entry.GrantId,
        ["AmountNanos"] = entry.AmountNanos,
        ["At"] = entry.At,
        ["Reference"] = entry.Reference,
    };

    public static CreditEntry Read(TableEntity row) => new(
        CreditNames.TryParse(row.GetString("Kind"), out var kind) ? kind : throw new InvalidDataException($"credit entry {row.RowKey} has no kind"),
        row.GetString("GrantId"),
        row.GetInt64("AmountNanos") ?? 0,
        row.GetDateTimeOffset("At") ?? default,
        row.GetString("Reference"));

    /// <summary>The newest <paramref name="limit"/> entries: one range query in the subject's partition.</summary>
    public static async Task<List<CreditEntry>> ReadNewestAsync(TableClient table, SubjectId subject, int limit, CancellationToken cancellationToken)
    {
        var partition = SubjectRow.PartitionKey(subject);
        var filter = TableKeys.Prefixed(partition, Prefix);
        var entries = new List<CreditEntry>(limit);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            entries.Add(Read(row));
            if (entries.Count >= limit) break;
        }
        return entries;
    }
}
