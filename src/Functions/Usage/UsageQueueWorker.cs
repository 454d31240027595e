using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Usage;

/// <summary>
/// The standalone host's queue trigger, a thin shell: polls the Storage Queue, hands each receive to
/// <see cref="UsageIngestHandler"/> while a <see cref="MessageLease"/> keeps its messages invisible, deletes what it
/// completed or quarantined, and leaves the rest to reappear after the visibility timeout.
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

    /// <summary>Runs after each round of visibility renewals (tests wait for it).</summary>
    internal event Action? LeaseRenewed;

    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var visibility = options.Value.VisibilityTimeout;
        var messages = await queue.ReceiveAsync(visibility, cancellationToken);
        if (messages.Length == 0) return 0;
        var lease = MessageLease.Start(queue.Queue, messages, visibility, time, logger, LeaseRenewed, cancellationToken);
        IngestReport report;
        try
        {
            report = await handler.HandleAsync(messages.Select(Received).ToList(), cancellationToken);
        }
        finally
        {
            await lease.DisposeAsync();
        }
        await Task.WhenAll(Enumerable.Range(0, messages.Length).Where(i => report[i] != IngestDisposition.Retry)
            .Select(i => DeleteAsync(messages[i].MessageId, lease.ReceiptOf(i), cancellationToken)));
        return messages.Length;
    }

    /// <summary>Deletes a handled message; one another consumer took meanwhile is left to it (its events are applied once either way).</summary>
    private async Task DeleteAsync(string messageId, string? receipt, CancellationToken cancellationToken)
    {
        if (receipt is null) return;
        try
        {
            await queue.Queue.DeleteMessageAsync(messageId, receipt, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (MessageLease.IsTakenByAnother(e))
        {
            UsageLog.MessageTakenByAnother(logger, messageId);
        }
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
