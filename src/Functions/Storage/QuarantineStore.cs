using Azure;
using Azure.Data.Tables;

namespace Billing.Functions.Storage;

/// <summary>
/// Rejected webhook elements and poison messages, one row each, partitioned by UTC day. The raw text is split in
/// 30,000-character columns (the Table property limit is 64 KiB) and capped well below the 1 MiB entity limit.
/// A replay's outcome is merged into the row unconditionally (<see cref="RecordReplayAsync"/>).
/// </summary>
public sealed class QuarantineStore(BillingTables tables, TimeProvider time)
{
    private const int ChunkChars = 30_000;
    private const int MaxChunks = 12;

    /// <summary>Every column but the raw text: what a list page reads (a $select returns only the keys it names).</summary>
    private static readonly string[] ListColumns =
    [
        "PartitionKey", "RowKey", "Source", "Index", "Reason", "ReceivedAt", "RawLength", "Truncated",
        "ReplayedAt", "ReplayEvents", "ReplayApplied", "ReplayDuplicates", "ReplaySubjects", "ReplayError", "ReplayFailedAt",
    ];

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

    /// <summary>
    /// Up to <paramref name="limit"/> rows, oldest first: those received at or after <paramref name="from"/>, or, with
    /// <paramref name="after"/>, those after that row. One range query over the day partitions (rows are keyed by
    /// day, then time of day), without the raw text. <c>More</c> says whether rows follow the page.
    /// </summary>
    public async Task<(IReadOnlyList<QuarantineRow> Rows, bool More)> PageAsync(DateTimeOffset from, QuarantineKey? after, int limit, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var (partition, row, comparison) = after is { } a ? (a.Partition, a.Row, "gt") : (DayOf(from), TimeOf(from), "ge");
        // The keys are digits and hex only (QuarantineKey), so they go in the filter as they are.
        var filter = $"(PartitionKey eq '{partition}' and RowKey {comparison} '{row}') or PartitionKey gt '{partition}'";
        var (rows, more) = await TablePages.TakeAsync(
            tables.Quarantine.QueryAsync<TableEntity>(filter, TablePages.PageSize(limit), ListColumns, cancellationToken), limit, cancellationToken);
        return (rows.Select(row => Read(row, raw: null)).ToList(), more);
    }

    /// <summary>The row with its raw text, or null when there is none.</summary>
    public async Task<QuarantineRow?> FindAsync(QuarantineKey key, CancellationToken cancellationToken) =>
        await FindEntityAsync(key, cancellationToken) is { } entity ? Read(entity, ReadRaw(entity)) : null;

    /// <summary>
    /// Records a successful replay (<paramref name="replay"/>, applied to <paramref name="subjects"/>) or a failed one
    /// (<paramref name="error"/>) at <paramref name="at"/>, merged over the row whatever its ETag: the last replay's
    /// outcome wins. A success clears the error (an empty <c>ReplayError</c>: a merge cannot remove a column); a
    /// failure leaves the last success as it was.
    /// </summary>
    public async Task RecordReplayAsync(QuarantineKey key, DateTimeOffset at, QuarantineReplay? replay, IReadOnlyList<string>? subjects, string? error, CancellationToken cancellationToken)
    {
        var patch = new TableEntity(key.Partition, key.Row);
        if (replay is { } r)
        {
            patch["ReplayedAt"] = at;
            patch["ReplayEvents"] = r.Events;
            patch["ReplayApplied"] = r.Applied;
            patch["ReplayDuplicates"] = r.Duplicates;
            patch["ReplaySubjects"] = System.Text.Json.JsonSerializer.Serialize((subjects ?? []).ToArray(), Json.BillingJsonContext.Default.StringArray);
            patch["ReplayError"] = "";
        }
        else
        {
            patch["ReplayError"] = error ?? throw new ArgumentNullException(nameof(error));
            patch["ReplayFailedAt"] = at;
        }
        await tables.Quarantine.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public static string ReadRaw(TableEntity row)
    {
        var chunks = Enumerable.Range(0, MaxChunks).Select(i => row.GetString("Raw" + i)).TakeWhile(c => c is not null);
        return string.Concat(chunks);
    }

    private async Task<TableEntity?> FindEntityAsync(QuarantineKey key, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var found = await tables.Quarantine.GetEntityIfExistsAsync<TableEntity>(key.Partition, key.Row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private static QuarantineRow Read(TableEntity row, string? raw)
    {
        var events = row.GetInt32("ReplayEvents");
        QuarantineReplay? replay = events is { } e ? new(e, row.GetInt32("ReplayApplied") ?? 0, row.GetInt32("ReplayDuplicates") ?? 0) : null;
        var error = row.GetString("ReplayError") is { Length: > 0 } text ? text : null;
        var subjects = row.GetString("ReplaySubjects") is { } json ? System.Text.Json.JsonSerializer.Deserialize(json, Json.BillingJsonContext.Default.StringArray) : null;
        return new QuarantineRow(
            new QuarantineKey(row.PartitionKey, row.RowKey),
            row.GetString("Source") ?? "",
            row.GetInt32("Index"),
            row.GetString("Reason") ?? "",
            row.GetDateTimeOffset("ReceivedAt") ?? default,
            row.GetInt32("RawLength") ?? 0,
            row.GetBoolean("Truncated") ?? false,
            raw,
            row.GetDateTimeOffset("ReplayedAt"),
            replay,
            error,
            error is null ? null : row.GetDateTimeOffset("ReplayFailedAt"),
            subjects);
    }

    private static string DayOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    private static string TimeOf(DateTimeOffset at) => at.UtcDateTime.ToString("HHmmssfffffff", System.Globalization.CultureInfo.InvariantCulture);

    private static TableEntity ToRow(QuarantinedItem item, DateTimeOffset now)
    {
        var row = new TableEntity(DayOf(now), $"{TimeOf(now)}-{Guid.NewGuid():N}")
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
