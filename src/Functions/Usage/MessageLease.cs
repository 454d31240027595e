using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Billing.Functions.Usage;

/// <summary>
/// Keeps one receive's messages invisible while they are applied. A receive of 32 messages can outlast the visibility
/// timeout on a busy machine; the messages would then come back, another consumer would take them, and the deletes
/// here would fail on stale pop receipts, over and over (the fault run saw a queue stop draining that way). So every
/// half visibility timeout each message still held gets its visibility extended, and its new pop receipt replaces the
/// old one. A message another consumer took meanwhile (404, or 400 PopReceiptMismatch) is let go: that consumer
/// deletes it. A renewal that fails otherwise (storage briefly down) keeps the old receipt and is tried again after a
/// quarter of the wait; nothing a renewal meets ends the receive. A renewal whose answer was lost and whose SDK retry
/// then met its own new receipt reads as taken by another: that message comes back once more and is found applied.
/// </summary>
internal sealed class MessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly string[] _ids;
    private readonly string?[] _receipts;
    private readonly TimeSpan _visibility;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action? _renewed;
    private readonly CancellationToken _cancellation;
    private readonly CancellationTokenSource _stop = new();
    private readonly DateTimeOffset _started;
    private readonly Task _loop;
    private volatile bool _failed;

    private MessageLease(QueueClient queue, IReadOnlyList<QueueMessage> messages, TimeSpan visibility, TimeProvider time, ILogger logger,
        Action? renewed, CancellationToken cancellation)
    {
        _queue = queue;
        _ids = [.. messages.Select(m => m.MessageId)];
        _receipts = [.. messages.Select(m => m.PopReceipt)];
        _visibility = visibility;
        _time = time;
        _logger = logger;
        _renewed = renewed;
        _cancellation = cancellation;
        _started = time.GetUtcNow();
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    /// <summary>Starts renewing <paramref name="messages"/> every half <paramref name="visibility"/>; <paramref name="renewed"/> runs after each round.</summary>
    public static MessageLease Start(QueueClient queue, IReadOnlyList<QueueMessage> messages, TimeSpan visibility, TimeProvider time, ILogger logger,
        Action? renewed, CancellationToken cancellation) => new(queue, messages, visibility, time, logger, renewed, cancellation);

    /// <summary>The pop receipt to delete message <paramref name="index"/> with; null once another consumer took it. Read after <see cref="DisposeAsync"/>.</summary>
    public string? ReceiptOf(int index) => _receipts[index];

    /// <summary>Extends every held message's visibility now.</summary>
    public Task RenewAsync() => Task.WhenAll(Enumerable.Range(0, _ids.Length).Select(RenewAsync));

    private async Task RenewAsync(int index)
    {
        if (_receipts[index] is not { } receipt) return;
        try
        {
            var updated = await _queue.UpdateMessageAsync(_ids[index], receipt, visibilityTimeout: _visibility, cancellationToken: _cancellation);
            _receipts[index] = updated.Value.PopReceipt;
        }
        catch (RequestFailedException e) when (IsTakenByAnother(e))
        {
            _receipts[index] = null;
            UsageLog.MessageTakenByAnother(_logger, _ids[index]);
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // Stopping: the message comes back after its visibility timeout.
        }
        catch (Exception e)
        {
            // Storage briefly down (the SDK's retries ran out: an AggregateException), or anything else: the receive
            // goes on, the old receipt is kept and the renewal is tried again soon.
            _failed = true;
            UsageLog.LeaseRenewalFailed(_logger, e, _ids[index]);
        }
    }

    /// <summary>Renews half a visibility timeout after the receive, then half a timeout after each renewal (due times, so a clock that jumped is caught up at once).</summary>
    private async Task LoopAsync()
    {
        var every = _visibility / 2;
        var due = _started + every;
        while (!_stop.IsCancellationRequested)
        {
            var wait = due - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _time, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            _failed = false;
            await RenewAsync();
            try
            {
                _renewed?.Invoke();
            }
            catch (Exception e)
            {
                UsageLog.LeaseRenewalFailed(_logger, e, "(after renewal)");
            }
            // A failed renewal is tried again after a quarter of the wait, well before the old visibility runs out.
            due = _time.GetUtcNow() + (_failed ? every / 4 : every);
        }
    }

    /// <summary>A message whose receipt is stale: deleted, or received again by another consumer.</summary>
    public static bool IsTakenByAnother(RequestFailedException e) =>
        e.Status == 404 || e.Status == 400 && e.ErrorCode == QueueErrorCode.PopReceiptMismatch.ToString();

    /// <summary>Stops renewing; a renewal under way finishes first, so <see cref="ReceiptOf"/> is current afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
