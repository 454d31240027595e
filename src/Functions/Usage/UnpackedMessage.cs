using Billing.Domain.Usage;

namespace Billing.Functions.Usage;

/// <summary>A decoded queue message: its events and the trace context of the webhook span that enqueued it (or null).</summary>
public sealed record UnpackedMessage(IReadOnlyList<UsageEvent> Events, string? TraceParent);
