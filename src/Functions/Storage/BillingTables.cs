using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Storage;

/// <summary>
/// The two tables, created once on first write. <c>ledger</c> holds one partition per subject (its state row,
/// applied-event rows and period history); <c>quarantine</c> keeps rejected input with the reason.
/// </summary>
public sealed class BillingTables
{
    private readonly CreateOnce _created;

    public BillingTables(IOptions<StorageOptions> options, TableClientOptions? clientOptions = null)
    {
        var storage = options.Value;
        var service = CreateService(storage, clientOptions ?? new TableClientOptions());
        Ledger = service.GetTableClient(storage.TablePrefix + "ledger");
        Quarantine = service.GetTableClient(storage.TablePrefix + "quarantine");
        _created = new CreateOnce(() => Task.WhenAll(Ledger.CreateIfNotExistsAsync(), Quarantine.CreateIfNotExistsAsync()));
    }

    public TableClient Ledger { get; }

    public TableClient Quarantine { get; }

    public Task EnsureCreatedAsync() => _created.EnsureAsync();

    private static TableServiceClient CreateService(StorageOptions storage, TableClientOptions clientOptions)
    {
        if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
            return new TableServiceClient(storage.ConnectionString, clientOptions);
        if (storage.TableServiceUri is null)
            throw new InvalidOperationException("Set Storage:ConnectionString (local) or Storage:TableServiceUri (Azure, managed identity).");
        return new TableServiceClient(storage.TableServiceUri, storage.CreateCredential(), clientOptions);
    }
}
