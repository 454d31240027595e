using System.Text.Json;
using Billing.Domain.Prices;
using Billing.Domain.Usage;
using Billing.Functions.Prices;
using Billing.Functions.Problems;
using Billing.Functions.Storage;
using Billing.Functions.Telemetry;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Usage;

/// <summary>
/// Accepts a LiteLLM generic_api body: streams and normalises each element, quarantines the unusable ones with
/// their reason, and packs the rest into queue messages. It does no ledger work, so it answers in milliseconds.
/// Calls LiteLLM could not price are priced here from the price book, once, before they are packed: every subject
/// and every redelivery of the message then applies the same cost, whatever the book says later.
/// </summary>
public sealed class UsageWebhookHandler(
    QuarantineStore quarantine, PriceBookCache prices, IOptions<WebhookOptions> options, BillingMetrics metrics, ILogger<UsageWebhookHandler> logger)
{
    public async Task<WebhookOutcome> AcceptAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        using var activity = BillingTelemetry.Source.StartActivity("usage.accept");
        var limit = options.Value.MaxBodyBytes;
        if (contentLength > limit) return TooLarge(limit);

        var events = new List<UsageEvent>();
        var rejected = new List<RejectedElement>();
        var quarantined = new List<QuarantinedItem>();
        PriceBook? book = null;
        var unpriced = 0;
        try
        {
            var index = 0;
            await foreach (var element in LiteLlmBodyReader.ReadAsync(new LimitedReadStream(body, limit), cancellationToken))
            {
                try
                {
                    var usage = LiteLlmNormalizer.Normalize(element);
                    if (usage.PriceSource == PriceSource.Unpriced)
                    {
                        usage = PriceBookPricing.Apply(book ??= await prices.GetAsync(cancellationToken), usage);
                        if (usage.PriceSource == PriceSource.Unpriced) unpriced++;
                    }
                    events.Add(usage);
                }
                catch (PayloadFieldException e)
                {
                    metrics.EventRejected(e.Field);
                    rejected.Add(new RejectedElement(index, e.Field, e.Message));
                    quarantined.Add(new QuarantinedItem(QuarantinedItem.Webhook, index, e.Message, QuarantineText.Of(element)));
                }
                index++;
            }
        }
        catch (PayloadTooLargeException)
        {
            return TooLarge(limit);
        }
        catch (PayloadFieldException e)
        {
            return WebhookOutcome.Failed(BillingProblems.Field(e.Field, e.Problem));
        }
        catch (JsonException e)
        {
            return WebhookOutcome.Failed(BillingProblems.Field("body", $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}"));
        }

        await quarantine.SaveAsync(quarantined, cancellationToken);
        if (rejected.Count > 0) UsageLog.ElementsRejected(logger, rejected.Count, events.Count);
        if (unpriced > 0) UsageLog.EventsUnpriced(logger, unpriced, events.Count);
        if (events.Count == 0) return NothingUsable(rejected);

        // Each message carries this span's trace context, so the ingest continues the trace in either host.
        var messages = UsageMessageCodec.Pack(events, options.Value.MaxMessageBytes, activity?.Id);
        metrics.EventsAccepted(events.Count);
        activity?.SetTag("billing.events.accepted", events.Count).SetTag("billing.events.rejected", rejected.Count).SetTag("billing.messages", messages.Count);
        return WebhookOutcome.Accepted(new UsageAcceptedResponse(events.Count, rejected), messages);
    }

    private static WebhookOutcome TooLarge(long limit) => WebhookOutcome.Failed(
        BillingProblems.Field("body", $"is larger than the {limit}-byte limit (Webhook:MaxBodyBytes)", StatusCodes.Status413PayloadTooLarge));

    private static WebhookOutcome NothingUsable(List<RejectedElement> rejected)
    {
        if (rejected.Count == 0)
            return WebhookOutcome.Failed(BillingProblems.Field("body", "contains no usage events"));
        var errors = rejected.ToDictionary(r => $"[{r.Index}].{r.Field}", r => new[] { r.Error });
        var problem = BillingProblems.Create(StatusCodes.Status400BadRequest, "No usable usage events.",
            $"All {rejected.Count} elements were rejected and kept in quarantine.", errors);
        problem.Extensions["rejected"] = rejected;
        return WebhookOutcome.Failed(problem);
    }
}
