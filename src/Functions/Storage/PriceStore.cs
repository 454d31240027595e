using Azure.Data.Tables;

namespace Billing.Functions.Storage;

/// <summary>The price book in the <c>prices</c> table: a write replaces a model's row; reads list or point-read it.</summary>
public sealed class PriceStore(BillingTables tables)
{
    public async Task PutAsync(StoredPrice price, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        await tables.Prices.UpsertEntityAsync(PriceRow.Create(price), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<StoredPrice?> GetAsync(string model, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var response = await tables.Prices.GetEntityIfExistsAsync<TableEntity>(PriceRow.PartitionKey, PriceRow.RowKey(model), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row ? PriceRow.Read(row) : null;
    }

    /// <summary>Every price, ordered by RowKey (the encoded model name).</summary>
    public async Task<IReadOnlyList<StoredPrice>> ListAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var prices = new List<StoredPrice>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PriceRow.PartitionKey}");
        await foreach (var row in tables.Prices.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            prices.Add(PriceRow.Read(row));
        return prices;
    }
}
