using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Storage;

/// <summary>
/// The tables, created once on first write. <c>ledger</c> holds one partition per subject (its state row, applied-event
/// markers, hourly roll-ups, alert markers and period statements); <c>quarantine</c> keeps rejected input with the
/// reason; <c>schedule</c> holds the timers' due jobs; <c>prices</c> is the price book, one row per model;
/// <c>accounts</c> is the index the account list pages through (<see cref="AccountIndex"/>); <c>lago</c> holds the Lago
/// sync's leases, parked events and webhook keys; <c>manual</c> holds one row per manual usage id (<see cref="ManualEntryStore"/>).
/// </summary>
public sealed class BillingTables
{
    private readonly CreateOnce _created;

    // The SDK reads every row into a TableEntity with Activator.CreateInstance<T>(); NativeAOT keeps that constructor
    // only when asked (the SDK's IL2091, docs/deploy.md). Without it each read throws MissingMethodException.
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(TableEntity))]
    public BillingTables(IOptions<StorageOptions> options, TableClientOptions? clientOptions = null)
    {
        var storage = options.Value;
        var service = CreateService(storage, clientOptions ?? new TableClientOptions());
        Ledger = service.GetTableClient(storage.TablePrefix + "ledger");
        Quarantine = service.GetTableClient(storage.TablePrefix + "quarantine");
        Schedule = service.GetTableClient(storage.TablePrefix + "schedule");
        Prices = service.GetTableClient(storage.TablePrefix + "prices");
        Accounts = service.GetTableClient(storage.TablePrefix + "accounts");
        Lago = service.GetTableClient(storage.TablePrefix + "lago");
        Manual = service.GetTableClient(storage.TablePrefix + "manual");
        _created = new CreateOnce(() => Task.WhenAll(CreateIfMissingAsync(Ledger), CreateIfMissingAsync(Quarantine), CreateIfMissingAsync(Schedule),
            CreateIfMissingAsync(Prices), CreateIfMissingAsync(Accounts), CreateIfMissingAsync(Lago), CreateIfMissingAsync(Manual)));
    }

    public TableClient Ledger { get; }

    public TableClient Quarantine { get; }

    /// <summary>The timers' due jobs (<see cref="DueIndex"/>).</summary>
    public TableClient Schedule { get; }

    /// <summary>The price book (<see cref="PriceStore"/>).</summary>
    public TableClient Prices { get; }

    /// <summary>One row per account, for listing them without scanning the ledger (<see cref="AccountIndex"/>).</summary>
    public TableClient Accounts { get; }

    /// <summary>The Lago sync's own rows: the push and pull leases and backoff, parked events, webhook keys seen (<see cref="LagoSyncStore"/>).</summary>
    public TableClient Lago { get; }

    /// <summary>One row per manual usage id, written before the entry reaches the ledger (<see cref="ManualEntryStore"/>).</summary>
    public TableClient Manual { get; }

    public Task EnsureCreatedAsync() => _created.EnsureAsync();

    /// <summary>
    /// <see cref="TableClient.CreateAsync"/>, with 409 meaning "already there" (the same rule the SDK's
    /// <c>CreateIfNotExistsAsync</c> applies). That method builds its request body by reflection, which throws in the
    /// NativeAOT build; <c>CreateAsync</c> sends a generated model (docs/deploy.md).
    /// </summary>
    private static async Task CreateIfMissingAsync(TableClient table)
    {
        try
        {
            await table.CreateAsync();
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict && e.ErrorCode != TableErrorCode.TableBeingDeleted)
        {
            // Created by another instance or an earlier start.
        }
    }

    private static TableServiceClient CreateService(StorageOptions storage, TableClientOptions clientOptions)
    {
        if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
            return new TableServiceClient(storage.ConnectionString, clientOptions);
        if (storage.TableServiceUri is null)
            throw new InvalidOperationException("Set Storage:ConnectionString (local) or Storage:TableServiceUri (Azure, managed identity).");
        return new TableServiceClient(storage.TableServiceUri, storage.CreateCredential(), clientOptions);
    }
}
