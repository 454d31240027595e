using System.Diagnostics;

namespace Billing.Functions.Telemetry;

/// <summary>
/// The app's own spans: <c>usage.accept</c> (the webhook normalising a body), <c>usage.ingest</c> (a receive applied to
/// the ledger; its parent is the <c>usage.accept</c> that enqueued the first message, the others are links), under
/// the one source name the exporters listen to.
/// </summary>
public static class BillingTelemetry
{
    public const string Name = "Billing";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>A span continuing the traces the messages came from: parent of the first, links to the rest.</summary>
    public static Activity? StartFromMessages(string name, IEnumerable<string?> traceParents)
    {
        ActivityContext parent = default;
        List<ActivityLink>? links = null;
        foreach (var traceParent in traceParents)
        {
            if (!ActivityContext.TryParse(traceParent, null, isRemote: true, out var context)) continue;
            if (parent == default) parent = context;
            else if (context.TraceId != parent.TraceId || context.SpanId != parent.SpanId) (links ??= []).Add(new ActivityLink(context));
        }
        return Source.StartActivity(name, ActivityKind.Consumer, parent, links: links);
    }
}
