using System.Diagnostics.Metrics;
using Billing.Domain.Entitlements;

namespace Billing.Functions.Telemetry;

/// <summary>
/// The app's instruments on the <c>Billing</c> meter (one per DI container, from <see cref="IMeterFactory"/>). Tags
/// are closed sets (outcomes, reason codes, field names), never ids, amounts or text.
/// </summary>
public sealed class BillingMetrics
{
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _applyDuration;
    private readonly Counter<long> _applied;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _lago;

    public BillingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(BillingTelemetry.Name);
        _accepted = meter.CreateCounter<long>("billing.usage.events.accepted", "{event}", "Usage events the webhook accepted and enqueued.");
        _rejected = meter.CreateCounter<long>("billing.usage.events.rejected", "{event}", "Usage elements the webhook rejected (quarantined), by the field at fault.");
        _applyDuration = meter.CreateHistogram<double>("billing.ledger.apply.duration", "s", "Time to apply one receive of queue messages to the ledger.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _applied = meter.CreateCounter<long>("billing.ledger.updates", "{update}", "Event-subject updates: applied, or dropped as already applied.");
        _decisions = meter.CreateCounter<long>("billing.check.decisions", "{decision}", "Check answers, by decision and reason.");
        _alerts = meter.CreateCounter<long>("billing.alerts.emails", "{email}", "Alert emails, by outcome.");
        _lago = meter.CreateCounter<long>("billing.lago.events", "{event}", "Events the Lago push settled, by outcome.");
    }

    public void EventsAccepted(int count)
    {
        if (count > 0) _accepted.Add(count);
    }

    public void EventRejected(string field) => _rejected.Add(1, new KeyValuePair<string, object?>("field", field));

    public void LedgerApplied(TimeSpan duration, bool succeeded, long applied, long duplicates)
    {
        _applyDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", succeeded ? "applied" : "failed"));
        if (applied > 0) _applied.Add(applied, new KeyValuePair<string, object?>("result", "applied"));
        if (duplicates > 0) _applied.Add(duplicates, new KeyValuePair<string, object?>("result", "duplicate"));
    }

    public void Decided(EntitlementDecision decision, bool reserve) => _decisions.Add(1,
        new KeyValuePair<string, object?>("decision", decision.Allowed ? "allowed" : "denied"),
        new KeyValuePair<string, object?>("reason", DecisionReasons.Name(decision.Code)),
        new KeyValuePair<string, object?>("reserve", reserve));

    public void AlertEmails(string outcome, int count)
    {
        if (count > 0) _alerts.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void LagoEvents(string outcome, int count)
    {
        if (count > 0) _lago.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
    }
}
