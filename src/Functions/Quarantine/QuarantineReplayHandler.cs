using System.Text;
using System.Text.Json;
using Billing.Domain.Usage;
using Billing.Functions.Prices;
using Billing.Functions.Problems;
using Billing.Functions.Storage;
using Billing.Functions.Usage;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Quarantine;

/// <summary>
/// <c>POST /api/quarantine/{id}/replay</c>: runs a quarantined item through today's code and applies it to the ledger
/// directly (no queue, so it works the same in both hosts; a forwarded HTTP request on Functions has no Service Bus
/// output). A webhook element is normalised and, when LiteLLM could not price it, priced from today's price book, as
/// the webhook does, then packed into a queue message and read back as the ingest reads it, so it is the event the
/// queue would have carried; an ingest message is decoded as the ingest does. The ledger is the exactly-once guard per
/// (event, subject): a second replay applies nothing and answers duplicates. It cannot see a replay that names other
/// subjects than an earlier one (today's normaliser attributing the element differently), so the row records the
/// subjects a successful replay applied to, and a replay naming others is a 409 naming <c>subjects</c> that applies
/// nothing. The outcome, or the error when the item still cannot be used (422 naming the field), is recorded on the
/// row; when recording a success fails, the replay still answers (a retry is safe). Storage failures surface as 500s.
/// </summary>
public sealed class QuarantineReplayHandler(
    QuarantineStore store, MeteredLedger ledger, PriceBookCache prices, IOptions<WebhookOptions> webhook, TimeProvider time, ILogger<QuarantineReplayHandler> logger)
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
            await store.RecordReplayAsync(key, time.GetUtcNow(), replay: null, subjects: null, e.Message, cancellationToken);
            QuarantineLog.ReplayFailed(logger, row.Source, key.Id, e.Field);
            return new(null, BillingProblems.Field(e.Field, e.Problem, StatusCodes.Status422UnprocessableEntity));
        }

        var subjects = events.SelectMany(e => e.Subjects).Select(s => s.ToString()).Distinct().Order(StringComparer.Ordinal).ToList();
        if (row.ReplaySubjects is { } before && !before.SequenceEqual(subjects))
        {
            QuarantineLog.ReplaySubjectsDiffer(logger, row.Source, key.Id);
            return new(null, BillingProblems.Field("subjects", $"are {Listed(subjects)} by today's code, but an earlier replay applied this item to "
                + $"{Listed(before)}; replaying it would count it again for the others, so nothing was applied", StatusCodes.Status409Conflict));
        }

        var result = await ledger.ApplyAsync("usage.replay", events, cancellationToken);
        var at = time.GetUtcNow();
        try
        {
            await store.RecordReplayAsync(key, at, new QuarantineReplay(events.Count, result.Applied, result.Duplicates), subjects, error: null, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The ledger has applied the events; a retry applies nothing more and records the outcome then.
            QuarantineLog.ReplayNotRecorded(logger, row.Source, key.Id, e);
        }
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
                return AsQueued(await PriceBookPricing.PriceAsync(prices, usage, "response_cost", cancellationToken));
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

    /// <summary>The event as the webhook would have queued it and the ingest read it back (<see cref="UsageMessageCodec"/>).</summary>
    private IReadOnlyList<UsageEvent> AsQueued(UsageEvent usage)
    {
        var limit = webhook.Value.MaxMessageBytes;
        List<string> messages;
        try
        {
            messages = UsageMessageCodec.Pack([usage], limit);
        }
        catch (InvalidOperationException)
        {
            throw new PayloadFieldException("raw", $"makes an event larger than a queue message ({limit} bytes, Webhook:MaxMessageBytes), so the queue could not carry it");
        }
        try
        {
            return UsageMessageCodec.Unpack(Encoding.UTF8.GetBytes(messages.Single()));
        }
        catch (PoisonMessageException e)
        {
            throw new PayloadFieldException("raw", e.Message);
        }
    }

    private static string Listed(IReadOnlyList<string> subjects) => subjects.Count == 0 ? "none" : string.Join(", ", subjects.Select(s => s.Length > 80 ? s[..80] + "…" : s));

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
