using Azure;
using Azure.Data.Tables;

namespace Billing.Functions.Storage;

/// <summary>
/// What the timers have to do, by when: one row per pending job in the <c>schedule</c> table, partitioned by kind and
/// due minute (<c>alert|202612011305</c>), so a run reads only what is due with one range query, never a full scan.
/// Jobs are written before the work they point to is committed (write-ahead) and removed after it is done, so a
/// crash in between leaves a job that the next run finds; every job's work is idempotent.
/// </summary>
public sealed class DueIndex(BillingTables tables)
{
    public const string Rollover = "rollover";
    public const string Alert = "alert";
    private const string Format = "yyyyMMddHHmm";

    /// <summary>Adds or replaces a job due at <paramref name="due"/> (rounded up to the minute).</summary>
    public async Task PutAsync(string kind, DateTimeOffset due, string key, IReadOnlyDictionary<string, object> values, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var row = new TableEntity(Partition(kind, due), key) { ["Due"] = due };
        foreach (var (name, value) in values) row[name] = value;
        await tables.Schedule.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Jobs of <paramref name="kind"/> due by <paramref name="until"/> (all of them when null), oldest first.</summary>
    public async IAsyncEnumerable<TableEntity> DueAsync(string kind, DateTimeOffset? until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var high = until is { } u ? Partition(kind, u) : kind + "|~";
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {kind + "|"} and PartitionKey le {high}");
        await foreach (var row in tables.Schedule.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            yield return row;
    }

    /// <summary>Removes a job; one already removed (by another instance) is fine.</summary>
    public async Task RemoveAsync(TableEntity job, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Schedule.DeleteEntityAsync(job.PartitionKey, job.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    /// <summary>The partition of a job due at <paramref name="due"/>: its minute, rounded up, so nothing runs early.</summary>
    public static string Partition(string kind, DateTimeOffset due)
    {
        var utc = due.UtcDateTime;
        var minute = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc);
        if (minute < utc) minute = minute.AddMinutes(1);
        return $"{kind}|{minute.ToString(Format, System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
