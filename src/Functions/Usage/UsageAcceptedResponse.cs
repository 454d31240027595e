namespace Billing.Functions.Usage;

/// <summary>The 202 body: how many events were queued and which elements were rejected.</summary>
public sealed record UsageAcceptedResponse(int Accepted, IReadOnlyList<RejectedElement> Rejected);
