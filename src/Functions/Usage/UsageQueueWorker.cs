using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Usage;

/// <summary>
/// The standalone host's queue trigger, a thin shell: polls the Storage Queue, hands each receive to
/// <see cref="UsageIngestHandler"/>, deletes what it completed or quarantined, and leaves the rest to reappear after
/// the visibility timeout.
/// </summary>
public sealed class UsageQueueWorker(
    StorageUsageQueue queue,
    UsageIngestHandler handler,
    IOptions<UsageQueueOptions> options,
    TimeProvider time,
    ILogger<UsageQueueWorker> logger) : BackgroundService
{
    /// <summary>Processes every message currently visible; returns how many were received.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (await PollOnceAsync(cancellationToken) is var received and > 0) total += received;
        return total;
    }

    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var messages = await queue.ReceiveAsync(options.Value.VisibilityTimeout, cancellationToken);
        if (messages.Length == 0) return 0;
        var report = await handler.HandleAsync(messages.Select(Received).ToList(), cancellationToken);
        await Task.WhenAll(messages.Where((_, i) => report[i] != IngestDisposition.Retry)
            .Select(m => queue.Queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, cancellationToken)));
        return messages.Length;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Consumers).Select(_ => ConsumeAsync(stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var received = 0;
            try
            {
                received = await PollOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                UsageLog.PollFailed(logger, e, options.Value.Name);
            }
            if (received == 0) await Delay(stoppingToken);
        }
    }

    private async Task Delay(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.Value.IdleDelay, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static UsageQueueMessage Received(QueueMessage message) => new(message.MessageId, message.Body.ToMemory(), message.DequeueCount);
}
