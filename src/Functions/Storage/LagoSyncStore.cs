using Azure;
using Azure.Data.Tables;
using Billing.Domain.Lago;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// The Lago sync's own rows in the <c>lago</c> table: per timer (partition <c>sync</c>) a lease, so one instance runs
/// it at a time, and the backoff Lago asked for or that failures earned (<see cref="LagoSyncLease"/>); events Lago
/// refused (partition <c>parked</c>), for operators; and the webhook keys already handled (partition <c>webhook</c>).
/// </summary>
public sealed class LagoSyncStore(BillingTables tables)
{
    private const string SyncPartition = "sync";
    private const string ParkedPartition = "parked";
    private const string WebhookPartition = "webhook";

    /// <summary>Takes the lease of <paramref name="name"/> until <paramref name="until"/>; null when another instance holds it.</summary>
    public async Task<LagoSyncLease?> TryLeaseAsync(string name, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var read = await tables.Lago.GetEntityIfExistsAsync<TableEntity>(SyncPartition, name, cancellationToken: cancellationToken);
        var row = read.HasValue && read.Value is { } existing ? existing : new TableEntity(SyncPartition, name);
        if (row.GetDateTimeOffset("LeaseUntil") is { } held && held > now) return null;
        row["LeaseUntil"] = until;
        try
        {
            var response = read.HasValue
                ? await tables.Lago.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken)
                : await tables.Lago.AddEntityAsync(row, cancellationToken);
            row.ETag = response.Headers.ETag ?? throw new InvalidOperationException("The lease update returned no ETag.");
            return new LagoSyncLease(row);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Ends the lease, keeping the backoff state the run left in it.</summary>
    public async Task ReleaseAsync(LagoSyncLease lease, CancellationToken cancellationToken)
    {
        lease.Row.Remove("LeaseUntil");
        try
        {
            await tables.Lago.UpdateEntityAsync(lease.Row, lease.Row.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // The lease ran out and another instance took it: its state wins.
        }
    }

    /// <summary>Lists a refused event for operators, before its outbox row goes (write-ahead; listing twice is harmless).</summary>
    public async Task ParkAsync(SubjectId subject, OutboxEvent outbox, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var row = new TableEntity(ParkedPartition, TableKeys.Encode(subject + "|" + outbox.EventId.Value))
        {
            ["Subject"] = subject.ToString(),
            ["EventId"] = outbox.EventId.Value,
            ["Subscription"] = outbox.ExternalSubscriptionId,
            ["OccurredAt"] = outbox.OccurredAtEpochSeconds,
            ["CostNanos"] = outbox.CostNanos,
            ["Model"] = outbox.Model,
            ["Reason"] = reason.Length > 1000 ? reason[..1000] : reason,
            ["ParkedAt"] = now,
        };
        await tables.Lago.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Up to <paramref name="limit"/> parked events after row key <paramref name="after"/>, in key order.</summary>
    public async Task<(IReadOnlyList<TableEntity> Rows, string? Next)> ParkedAsync(int limit, string? after, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {ParkedPartition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {ParkedPartition} and RowKey gt {after}");
        var rows = new List<TableEntity>();
        await foreach (var row in tables.Lago.QueryAsync<TableEntity>(filter, Math.Min(limit + 1, 1000), cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count > limit) break;
        }
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(limit);
        return (rows, more ? rows[^1].RowKey : null);
    }

    /// <summary>Whether the webhook with this <c>X-Lago-Unique-Key</c> was handled already.</summary>
    public async Task<bool> WebhookSeenAsync(string uniqueKey, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var row = await tables.Lago.GetEntityIfExistsAsync<TableEntity>(WebhookPartition, TableKeys.Encode(uniqueKey), ["RowKey"], cancellationToken);
        return row.HasValue;
    }

    /// <summary>Records a handled webhook (after it was acted on: the actions are idempotent, so a crash before this only repeats them).</summary>
    public async Task WebhookHandledAsync(string uniqueKey, string type, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var row = new TableEntity(WebhookPartition, TableKeys.Encode(uniqueKey)) { ["Type"] = type, ["HandledAt"] = now };
        await tables.Lago.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }
}

/// <summary>A held lease of a Lago timer, with the backoff state it carries (<c>NotBefore</c>, <c>Attempts</c>, <c>LastError</c>).</summary>
public sealed class LagoSyncLease(TableEntity row)
{
    internal TableEntity Row { get; } = row;

    public DateTimeOffset? NotBefore => Row.GetDateTimeOffset("NotBefore");

    public int Attempts => Row.GetInt32("Attempts") ?? 0;

    public void Succeeded()
    {
        Row.Remove("NotBefore");
        Row.Remove("LastError");
        Row["Attempts"] = 0;
    }

    public void Failed(DateTimeOffset notBefore, int attempts, string error)
    {
        Row["NotBefore"] = notBefore;
        Row["Attempts"] = attempts;
        Row["LastError"] = error.Length > 1000 ? error[..1000] : error;
    }
}
