using System.Text;
using Billing.Domain.Usage;
using Billing.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Usage;

/// <summary>
/// The one ingest policy both hosts use: applies received queue messages to the ledger, exactly once per event and
/// subject, whatever the number of deliveries or parallel consumers. All messages of one receive go in one ledger
/// pass (events of one subject from different messages share transactions); if that fails, the messages are
/// handled one by one, which isolates the one at fault. A message that can never succeed, or that was delivered
/// more than <see cref="UsageQueueOptions.MaxDequeueCount"/> times, is written to the quarantine table with its
/// reason. The host shells only translate <see cref="IngestDisposition"/> to their transport.
/// </summary>
public sealed class UsageIngestHandler(
    MeteredLedger ledger,
    QuarantineStore quarantine,
    IOptions<UsageQueueOptions> options,
    ILogger<UsageIngestHandler> logger)
{
    public async Task<IngestReport> HandleAsync(IReadOnlyList<UsageQueueMessage> messages, CancellationToken cancellationToken)
    {
        var dispositions = new IngestDisposition[messages.Count];
        var deliverable = new List<int>(messages.Count);
        var overdue = new List<int>();
        for (var i = 0; i < messages.Count; i++)
            (messages[i].DeliveryCount > options.Value.MaxDequeueCount ? overdue : deliverable).Add(i);

        LedgerResult result;
        if (deliverable.Count > 1 && await TryTogetherAsync(deliverable.Select(i => messages[i]).ToList(), cancellationToken) is { } together)
        {
            foreach (var i in deliverable) dispositions[i] = IngestDisposition.Done;
            result = together;
        }
        else
        {
            var alone = await Task.WhenAll(deliverable.Select(i => HandleOneAsync(messages[i], cancellationToken)));
            for (var j = 0; j < deliverable.Count; j++) dispositions[deliverable[j]] = alone[j].Disposition;
            result = new LedgerResult(alone.Sum(a => a.Result.Applied), alone.Sum(a => a.Result.Duplicates));
        }

        // Past the delivery limit: one last attempt alone, and only a failed one is quarantined. A message can come back
        // that often without being poison: when a receive outlasts the visibility timeout, another consumer takes the
        // message while the first still applies it, and the first's delete then fails (the fault run saw this on two
        // busy cores); its events are already applied, so the last attempt finds them as duplicates and completes it.
        foreach (var i in overdue)
        {
            var (disposition, last) = await HandleOneAsync(messages[i], cancellationToken);
            dispositions[i] = disposition == IngestDisposition.Retry
                ? await QuarantineAsync(messages[i], $"delivered {messages[i].DeliveryCount} times without success", cancellationToken)
                : disposition;
            result = new LedgerResult(result.Applied + last.Applied, result.Duplicates + last.Duplicates);
        }
        return new IngestReport(dispositions, result);
    }

    private async Task<LedgerResult?> TryTogetherAsync(IReadOnlyList<UsageQueueMessage> messages, CancellationToken cancellationToken)
    {
        try
        {
            var unpacked = messages.Select(m => UsageMessageCodec.Read(m.Body.Span)).ToList();
            var result = await ledger.ApplyAsync(unpacked, cancellationToken);
            UsageLog.MessagesApplied(logger, messages.Count, result.Applied, result.Duplicates);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            UsageLog.MessagesFailedTogether(logger, e, messages.Count);
            return null;
        }
    }

    private async Task<(IngestDisposition Disposition, LedgerResult Result)> HandleOneAsync(UsageQueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ledger.ApplyAsync([UsageMessageCodec.Read(message.Body.Span)], cancellationToken);
            UsageLog.MessageApplied(logger, message.Id, result.Applied, result.Duplicates);
            return (IngestDisposition.Done, result);
        }
        catch (PoisonMessageException e)
        {
            return (await QuarantineAsync(message, e.Message, cancellationToken), default);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            UsageLog.MessageFailed(logger, e, message.Id, message.DeliveryCount);
            return (IngestDisposition.Retry, default);
        }
    }

    private async Task<IngestDisposition> QuarantineAsync(UsageQueueMessage message, string reason, CancellationToken cancellationToken)
    {
        var raw = Encoding.UTF8.GetString(message.Body.Span);
        await quarantine.SaveAsync([new QuarantinedItem(QuarantinedItem.Ingest, null, reason, raw)], cancellationToken);
        UsageLog.PoisonMessage(logger, message.Id, "the quarantine table", reason);
        return IngestDisposition.Quarantined;
    }
}
