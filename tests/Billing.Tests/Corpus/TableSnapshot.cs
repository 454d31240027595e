using Azure;
using Azure.Data.Tables;
using Billing.Functions.Storage;

namespace Billing.Tests.Corpus;

/// <summary>
/// Every row of the app's six tables by key and ETag (and the usage queue's length, standalone), so a case can show
/// it wrote nothing, or only the quarantine rows it is expected to add.
/// </summary>
public sealed record TableSnapshot(IReadOnlyDictionary<string, IReadOnlySet<string>> Rows, int? QueueLength)
{
    public static async Task<TableSnapshot> TakeAsync(BillingTables tables, Azure.Storage.Queues.QueueClient? queue)
    {
        var rows = new Dictionary<string, IReadOnlySet<string>>();
        foreach (var (name, table) in new[] { ("ledger", tables.Ledger), ("accounts", tables.Accounts), ("prices", tables.Prices),
                     ("schedule", tables.Schedule), ("lago", tables.Lago), ("quarantine", tables.Quarantine) })
            rows[name] = await RowsAsync(table);
        int? length = null;
        if (queue is not null)
        {
            // Peek sees only visible messages, which is all of them: the corpus app runs no consumer.
            length = (await queue.PeekMessagesAsync(32)).Value.Length;
        }
        return new TableSnapshot(rows, length);
    }

    /// <summary>What changed from <paramref name="before"/> to this snapshot, table by table; empty when nothing did.</summary>
    public IReadOnlyList<string> ChangesSince(TableSnapshot before, int quarantineRowsAdded)
    {
        var changes = new List<string>();
        foreach (var (name, rows) in Rows)
        {
            var old = before.Rows[name];
            var added = rows.Except(old).ToList();
            var removed = old.Except(rows).ToList();
            if (name == "quarantine" && removed.Count == 0 && added.Count == quarantineRowsAdded) continue;
            if (added.Count > 0 || removed.Count > 0) changes.Add($"{name}: {added.Count} rows added or changed, {removed.Count} removed or changed");
        }
        if (QueueLength != before.QueueLength) changes.Add($"queue: {before.QueueLength} → {QueueLength} messages");
        return changes;
    }

    public int QuarantineRows => Rows["quarantine"].Count;

    private static async Task<IReadOnlySet<string>> RowsAsync(TableClient table)
    {
        var rows = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                rows.Add($"{row.PartitionKey}|{row.RowKey}|{row.ETag}");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not created yet: no rows.
        }
        return rows;
    }
}
