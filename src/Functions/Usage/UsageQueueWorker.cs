using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Usage;

/// <summary>
/// The standalone host's queue trigger: polls the Storage Queue and calls <see cref="UsageIngestHandler"/> with all
/// the messages of one receive in one ledger pass, falling back to one message at a time when that fails.
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
        var deliverable = new List<QueueMessage>(messages.Length);
        foreach (var message in messages)
        {
            if (message.DequeueCount > options.Value.MaxDequeueCount)
                await MoveToPoisonAsync(message, $"delivered {message.DequeueCount} times without success", cancellationToken);
            else deliverable.Add(message);
        }
        if (deliverable.Count > 1 && await TryProcessTogetherAsync(deliverable, cancellationToken)) return messages.Length;
        await Task.WhenAll(deliverable.Select(m => ProcessAsync(m, cancellationToken)));
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

    /// <summary>
    /// One ledger pass for several messages: with many subjects a single message holds about one event per subject,
    /// so applying messages apart costs a transaction (and a state read and update) per event.
    /// </summary>
    private async Task<bool> TryProcessTogetherAsync(List<QueueMessage> messages, CancellationToken cancellationToken)
    {
        try
        {
            await handler.HandleManyAsync(messages.Select(Received).ToList(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            UsageLog.MessagesFailedTogether(logger, e, messages.Count);
            return false;
        }
        await Task.WhenAll(messages.Select(m => queue.Queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, cancellationToken)));
        return true;
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await handler.HandleAsync(Received(message), cancellationToken);
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

    private static UsageQueueMessage Received(QueueMessage message) => new(message.MessageId, message.Body.ToMemory(), message.DequeueCount);

    private async Task MoveToPoisonAsync(QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        await queue.Poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await queue.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        UsageLog.PoisonMessage(logger, message.MessageId, options.Value.PoisonName, reason);
    }
}
