using System.Text;
using Billing.Domain.Usage;
using Billing.Functions.Storage;

namespace Billing.Functions.Usage;

/// <summary>
/// Applies one queue message to the ledger, exactly once per event and subject, whatever the number of deliveries
/// or parallel consumers. Throws <see cref="PoisonMessageException"/> when the message can never succeed;
/// any other exception is transient and the queue redelivers.
/// </summary>
public sealed class UsageIngestHandler(LedgerWriter ledger, QuarantineStore quarantine, ILogger<UsageIngestHandler> logger)
{
    public async Task<LedgerResult> HandleAsync(UsageQueueMessage message, CancellationToken cancellationToken)
    {
        var events = UsageMessageCodec.Unpack(message.Body.Span);
        var result = await ledger.ApplyAsync(events, cancellationToken);
        UsageLog.MessageApplied(logger, message.Id, result.Applied, result.Duplicates);
        return result;
    }

    /// <summary>
    /// Applies several messages in one ledger pass, so events of one subject from different messages share
    /// transactions. Throws like <see cref="HandleAsync"/>; the caller then handles the messages one by one, which
    /// isolates the one that failed.
    /// </summary>
    public async Task<LedgerResult> HandleManyAsync(IReadOnlyList<UsageQueueMessage> messages, CancellationToken cancellationToken)
    {
        var events = new List<UsageEvent>();
        foreach (var message in messages) events.AddRange(UsageMessageCodec.Unpack(message.Body.Span));
        var result = await ledger.ApplyAsync(events, cancellationToken);
        UsageLog.MessagesApplied(logger, messages.Count, result.Applied, result.Duplicates);
        return result;
    }

    /// <summary>The poison path where the queue has no dead-letter of its own: the quarantine table, with the reason.</summary>
    public async Task QuarantineAsync(UsageQueueMessage message, string reason, CancellationToken cancellationToken)
    {
        var raw = Encoding.UTF8.GetString(message.Body.Span);
        await quarantine.SaveAsync([new QuarantinedItem("ingest", null, reason, raw)], cancellationToken);
        UsageLog.PoisonMessage(logger, message.Id, "quarantine table", reason);
    }
}
