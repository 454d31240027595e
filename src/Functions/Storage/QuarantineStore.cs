using Azure.Data.Tables;

namespace Billing.Functions.Storage;

/// <summary>
/// Rejected webhook elements and poison messages, one row each, partitioned by UTC day. The raw text is split in
/// 30,000-character columns (the Table property limit is 64 KiB) and capped well below the 1 MiB entity limit.
/// </summary>
public sealed class QuarantineStore(BillingTables tables, TimeProvider time)
{
    private const int ChunkChars = 30_000;
    private const int MaxChunks = 12;

    public async Task SaveAsync(IReadOnlyList<QuarantinedItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0) return;
        await tables.EnsureCreatedAsync();
        var now = time.GetUtcNow();
        await Task.WhenAll(items.Select(item => tables.Quarantine.AddEntityAsync(ToRow(item, now), cancellationToken)));
    }

    public async Task<IReadOnlyList<TableEntity>> ListAsync(DateTimeOffset day, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in tables.Quarantine.QueryAsync<TableEntity>(r => r.PartitionKey == day.UtcDateTime.ToString("yyyyMMdd"), cancellationToken: cancellationToken))
            rows.Add(row);
        return rows;
    }

    public static string ReadRaw(TableEntity row)
    {
        var chunks = Enumerable.Range(0, MaxChunks).Select(i => row.GetString("Raw" + i)).TakeWhile(c => c is not null);
        return string.Concat(chunks);
    }

    private static TableEntity ToRow(QuarantinedItem item, DateTimeOffset now)
    {
        var row = new TableEntity(now.UtcDateTime.ToString("yyyyMMdd"), $"{now.UtcDateTime:HHmmssfffffff}-{Guid.NewGuid():N}")
        {
            ["Source"] = item.Source,
            ["Index"] = item.Index,
            ["Reason"] = item.Reason,
            ["ReceivedAt"] = now,
            ["RawLength"] = item.Raw.Length,
            ["Truncated"] = item.Raw.Length > ChunkChars * MaxChunks,
        };
        for (var i = 0; i < MaxChunks && i * ChunkChars < item.Raw.Length; i++)
            row["Raw" + i] = item.Raw.Substring(i * ChunkChars, Math.Min(ChunkChars, item.Raw.Length - i * ChunkChars));
        return row;
    }
}
