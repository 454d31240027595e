using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Usage;

/// <summary>
/// The standalone host's queue trigger: polls the Storage Queue and calls <see cref="UsageIngestHandler"/>.
/// Success deletes the message; a transient failure leaves it to reappear after the visibility timeout; a poison
/// message, or one delivered more than <see cref="UsageQueueOptions.MaxDequeueCount"/> times, moves to the poison queue.
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
        await Task.WhenAll(messages.Select(m => ProcessAsync(m, cancellationToken)));
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

    private async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var received = new UsageQueueMessage(message.MessageId, message.Body.ToMemory(), message.DequeueCount);
        if (message.DequeueCount > options.Value.MaxDequeueCount)
        {
            await MoveToPoisonAsync(message, $"delivered {message.DequeueCount} times without success", cancellationToken);
            return;
        }
        try
        {
            await handler.HandleAsync(received, cancellationToken);
            await queue.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (PoisonMessageException e)
        {
            await MoveToPoisonAsync(message, e.Message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            UsageLog.MessageFailed(logger, e, message.MessageId, message.DequeueCount);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        await queue.Poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await queue.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        UsageLog.PoisonMessage(logger, message.MessageId, options.Value.PoisonName, reason);
    }
}
