namespace Billing.Functions.Quarantine;

/// <summary>
/// <c>POST /api/quarantine/{id}/replay</c>: the events the element or message decoded to, and the (event, subject)
/// pairs applied now and found already applied (a second replay applies nothing).
/// </summary>
public sealed record QuarantineReplayResponse(string Id, string Source, int Events, int Applied, int Duplicates, DateTimeOffset ReplayedAt);
