namespace Billing.Domain.Lago;

/// <summary>One outbox event's outcome at Lago, with Lago's reason when it was refused.</summary>
public sealed record LagoEventOutcome(OutboxEvent Event, LagoOutcome Outcome, string? Reason = null);
