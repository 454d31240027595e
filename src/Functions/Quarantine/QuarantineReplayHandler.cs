using System.Text;
using System.Text.Json;
using Billing.Domain.Usage;
using Billing.Functions.Prices;
using Billing.Functions.Problems;
using Billing.Functions.Storage;
using Billing.Functions.Usage;

namespace Billing.Functions.Quarantine;

/// <summary>
/// <c>POST /api/quarantine/{id}/replay</c>: runs a quarantined item through today's code and applies it to the ledger
/// directly (no queue, so it works the same in both hosts; a forwarded HTTP request on Functions has no Service Bus
/// output). A webhook element is normalised and, when LiteLLM could not price it, priced from today's price book, as
/// the webhook does; an ingest message is decoded as the ingest does. The ledger is the exactly-once guard: a second
/// replay applies nothing and answers duplicates. The outcome, or the error when the item still cannot be used
/// (422 naming the field), is recorded on the row. Storage failures surface as 500s.
/// </summary>
public sealed class QuarantineReplayHandler(
    QuarantineStore store, MeteredLedger ledger, PriceBookCache prices, TimeProvider time, ILogger<QuarantineReplayHandler> logger)
{
    public async Task<Validated<QuarantineReplayResponse>> ReplayAsync(string id, CancellationToken cancellationToken)
    {
        if (!QuarantineKey.TryParse(id, out var key) || await store.FindAsync(key, cancellationToken) is not { } row)
            return new(null, QuarantineHandler.NotFound(id));

        IReadOnlyList<UsageEvent> events;
        try
        {
            events = await DecodeAsync(row, cancellationToken);
        }
        catch (PayloadFieldException e)
        {
            await store.RecordReplayAsync(key, time.GetUtcNow(), replay: null, e.Message, cancellationToken);
            QuarantineLog.ReplayFailed(logger, row.Source, key.Id, e.Field);
            return new(null, BillingProblems.Field(e.Field, e.Problem, StatusCodes.Status422UnprocessableEntity));
        }

        var result = await ledger.ApplyAsync("usage.replay", events, cancellationToken);
        var at = time.GetUtcNow();
        await store.RecordReplayAsync(key, at, new QuarantineReplay(events.Count, result.Applied, result.Duplicates), error: null, cancellationToken);
        QuarantineLog.Replayed(logger, row.Source, key.Id, events.Count, result.Applied, result.Duplicates);
        return new(new QuarantineReplayResponse(key.Id, row.Source, events.Count, result.Applied, result.Duplicates, at), null);
    }

    /// <summary>The item's events by today's code; <see cref="PayloadFieldException"/> names what still cannot be used.</summary>
    private async Task<IReadOnlyList<UsageEvent>> DecodeAsync(QuarantineRow row, CancellationToken cancellationToken)
    {
        var raw = row.Raw ?? "";
        if (row.Truncated)
            throw new PayloadFieldException("raw", $"was cut short when it was quarantined (it had {row.RawLength} characters), so it cannot be replayed");
        switch (row.Source)
        {
            case QuarantinedItem.Webhook:
                var usage = LiteLlmNormalizer.Normalize(ParseElement(raw));
                return [await PriceBookPricing.PriceAsync(prices, usage, "response_cost", cancellationToken)];
            case QuarantinedItem.Ingest:
                try
                {
                    return UsageMessageCodec.Unpack(Encoding.UTF8.GetBytes(raw));
                }
                catch (PoisonMessageException e)
                {
                    throw new PayloadFieldException("raw", e.Message);
                }
            default:
                throw new PayloadFieldException("source", $"'{row.Source}' is neither {QuarantinedItem.Webhook} nor {QuarantinedItem.Ingest}");
        }
    }

    private static JsonElement ParseElement(string raw)
    {
        try
        {
            using var document = JsonDocument.Parse(raw);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new PayloadFieldException("raw", $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
    }
}
