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

    /// <summary>Subjects with Lago outbox rows; one job per subject, always due (<see cref="Always"/>).</summary>
    public const string LagoPush = "lago";

    /// <summary>The due time of jobs that are due whenever their timer runs: all of them sit in one partition.</summary>
    public static readonly DateTimeOffset Always = DateTimeOffset.UnixEpoch;
    private const string Format = "yyyyMMddHHmm";

    /// <summary>Adds or replaces a job due at <paramref name="due"/> (rounded up to the minute).</summary>
    public async Task PutAsync(string kind, DateTimeOffset due, string key, IReadOnlyDictionary<string, object> values, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        await tables.Schedule.UpsertEntityAsync(Row(kind, due, key, values), TableUpdateMode.Replace, cancellationToken);
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

    /// <summary>
    /// Moves many jobs at once: every new job is put (in transactions of up to 100 per partition) before any old one
    /// is removed, so a crash in between leaves a job twice, never none. Old jobs whose new one lands in the same
    /// partition are left alone.
    /// </summary>
    public async Task MoveAsync(IReadOnlyList<DueMove> moves, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var puts = moves.Where(m => m.Next is { } next && Partition(m.Kind, next) != m.Job.PartitionKey)
            .Select(m => Row(m.Kind, m.Next!.Value, m.Job.RowKey, m.Values))
            .DistinctBy(r => (r.PartitionKey, r.RowKey)).ToList(); // two jobs of one subject may move to the same minute
        await SubmitGroupedAsync(puts.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
        var removals = moves.Where(m => m.Next is not { } next || Partition(m.Kind, next) != m.Job.PartitionKey).Select(m => m.Job)
            .DistinctBy(j => (j.PartitionKey, j.RowKey)).ToList();
        foreach (var partition in removals.GroupBy(j => j.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(SubjectTransaction.MaxOperations))
            {
                try
                {
                    await tables.Schedule.SubmitTransactionAsync(chunk.Select(j => new TableTransactionAction(TableTransactionActionType.Delete, j, ETag.All)), cancellationToken);
                }
                catch (TableTransactionFailedException e) when (e.Status == 404)
                {
                    // Another instance removed some of them already: remove the rest one by one.
                    foreach (var job in chunk) await RemoveAsync(job, cancellationToken);
                }
            }
        }
    }

    private async Task SubmitGroupedAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        foreach (var partition in actions.GroupBy(a => a.Entity.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(SubjectTransaction.MaxOperations))
                await tables.Schedule.SubmitTransactionAsync(chunk, cancellationToken);
        }
    }

    private static TableEntity Row(string kind, DateTimeOffset due, string key, IReadOnlyDictionary<string, object> values)
    {
        var row = new TableEntity(Partition(kind, due), key) { ["Due"] = due };
        foreach (var (name, value) in values) row[name] = value;
        return row;
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

    /// <summary>Removes a job unless it was written again since it was read (412: it stays); true when removed or already gone.</summary>
    public async Task<bool> RemoveIfUnchangedAsync(TableEntity job, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Schedule.DeleteEntityAsync(job.PartitionKey, job.RowKey, job.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>The earlier of two due times; null means "never".</summary>
    public static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>The partition of a job due at <paramref name="due"/>: its minute, rounded up, so nothing runs early.</summary>
    public static string Partition(string kind, DateTimeOffset due)
    {
        var utc = due.UtcDateTime;
        var minute = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc);
        if (minute < utc) minute = minute.AddMinutes(1);
        return $"{kind}|{minute.ToString(Format, System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
