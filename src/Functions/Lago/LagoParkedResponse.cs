namespace Billing.Functions.Lago;

/// <summary><c>GET /api/lago/parked</c>: events Lago refused, with its reason; <see cref="Next"/> continues the list.</summary>
public sealed record LagoParkedResponse(IReadOnlyList<LagoParkedEvent> Events, string? Next);

/// <summary>One refused event: who it charges, what it cost, and why Lago refused it.</summary>
public sealed record LagoParkedEvent(string Subject, string EventId, string ExternalSubscriptionId, long Timestamp, decimal Cost, string Model, string Reason, DateTimeOffset ParkedAt);

/// <summary>The webhook's 200 answer.</summary>
public sealed record LagoWebhookAnswer(string Status);
