using System.Diagnostics;
using Billing.Domain.Usage;
using Billing.Functions.Storage;
using Billing.Functions.Telemetry;

namespace Billing.Functions.Usage;

/// <summary>
/// Every way usage reaches the ledger (the queue's ingest, a quarantine replay, a manual entry) goes through here: one
/// ledger pass as a span (continuing the trace the queue messages carry, if any), timed and counted for the metrics.
/// </summary>
public sealed class MeteredLedger(LedgerWriter ledger, BillingMetrics metrics, TimeProvider time)
{
    public Task<LedgerResult> ApplyAsync(IReadOnlyList<UnpackedMessage> messages, CancellationToken cancellationToken) =>
        ApplyAsync("usage.ingest", messages.Count == 1 ? messages[0].Events : messages.SelectMany(m => m.Events).ToList(),
            messages.Select(m => m.TraceParent), messages.Count, cancellationToken);

    /// <summary>Events that did not come through the queue: <paramref name="spanName"/> is a child of the current request's span.</summary>
    public Task<LedgerResult> ApplyAsync(string spanName, IReadOnlyList<UsageEvent> events, CancellationToken cancellationToken) =>
        ApplyAsync(spanName, events, [], 0, cancellationToken);

    private async Task<LedgerResult> ApplyAsync(string spanName, IReadOnlyList<UsageEvent> events, IEnumerable<string?> traceParents, int messages, CancellationToken cancellationToken)
    {
        using var activity = messages > 0
            ? BillingTelemetry.StartFromMessages(spanName, traceParents)
            : BillingTelemetry.Source.StartActivity(spanName);
        activity?.SetTag("billing.messages", messages).SetTag("billing.events", events.Count);
        var started = time.GetTimestamp();
        try
        {
            var result = await ledger.ApplyAsync(events, cancellationToken);
            metrics.LedgerApplied(time.GetElapsedTime(started), succeeded: true, result.Applied, result.Duplicates);
            activity?.SetTag("billing.applied", result.Applied).SetTag("billing.duplicates", result.Duplicates);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.LedgerApplied(time.GetElapsedTime(started), succeeded: false, 0, 0);
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }
}
