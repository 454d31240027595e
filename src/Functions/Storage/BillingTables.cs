using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Storage;

/// <summary>
/// The two tables, created once on first write. <c>ledger</c> holds one partition per subject (its state row,
/// applied-event rows and period history); <c>quarantine</c> keeps rejected input with the reason.
/// </summary>
public sealed class BillingTables
{
    private Task? _created;

    public BillingTables(IOptions<StorageOptions> options, TableClientOptions? clientOptions = null)
    {
        var storage = options.Value;
        var service = CreateService(storage, clientOptions ?? new TableClientOptions());
        Ledger = service.GetTableClient(storage.TablePrefix + "ledger");
        Quarantine = service.GetTableClient(storage.TablePrefix + "quarantine");
    }

    public TableClient Ledger { get; }

    public TableClient Quarantine { get; }

    /// <summary>Creates the tables once; a failed attempt is retried by the next caller.</summary>
    public Task EnsureCreatedAsync()
    {
        var created = _created;
        if (created is { IsCompletedSuccessfully: true }) return Task.CompletedTask;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = Task.WhenAll(Ledger.CreateIfNotExistsAsync(), Quarantine.CreateIfNotExistsAsync());
            _created = created;
        }
        return created;
    }

    private static TableServiceClient CreateService(StorageOptions storage, TableClientOptions clientOptions)
    {
        if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
            return new TableServiceClient(storage.ConnectionString, clientOptions);
        if (storage.TableServiceUri is null)
            throw new InvalidOperationException("Set Storage:ConnectionString (local) or Storage:TableServiceUri (Azure, managed identity).");
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = storage.ClientId });
        return new TableServiceClient(storage.TableServiceUri, credential, clientOptions);
    }
}
