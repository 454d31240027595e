using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Billing.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Usage;

/// <summary>
/// The usage queue on Azure Storage (poison messages go to the quarantine table). The service version is pinned to one Azurite 3.37
/// accepts (the SDK's default is newer).
/// </summary>
public sealed class StorageUsageQueue
{
    private const QueueClientOptions.ServiceVersion PinnedVersion = QueueClientOptions.ServiceVersion.V2026_06_06;
    private readonly CreateOnce _created;

    public StorageUsageQueue(IOptions<StorageOptions> storage, IOptions<UsageQueueOptions> options)
    {
        var service = CreateService(storage.Value);
        Queue = service.GetQueueClient(options.Value.Name);
        _created = new CreateOnce(() => Queue.CreateIfNotExistsAsync());
    }

    public QueueClient Queue { get; }

    public async Task SendAsync(IReadOnlyList<string> messages, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        await Task.WhenAll(messages.Select(m => Queue.SendMessageAsync(m, cancellationToken)));
    }

    public async Task<QueueMessage[]> ReceiveAsync(TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        return (await Queue.ReceiveMessagesAsync(32, visibilityTimeout, cancellationToken)).Value;
    }

    public Task EnsureCreatedAsync() => _created.EnsureAsync();

    private static QueueServiceClient CreateService(StorageOptions storage)
    {
        var options = new QueueClientOptions(PinnedVersion);
        if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
            return new QueueServiceClient(storage.ConnectionString, options);
        if (storage.QueueServiceUri is null)
            throw new InvalidOperationException("Standalone mode needs Storage:ConnectionString or Storage:QueueServiceUri for the usage queue.");
        return new QueueServiceClient(storage.QueueServiceUri, storage.CreateCredential(), options);
    }
}
