using Billing.Domain.Entitlements;
using Billing.Functions.Storage;

namespace Billing.Functions.Reservations;

/// <summary>
/// A reservation's answer: allowed with the hold's id and expiry, or the decision that denied it (no hold remains).
/// <see cref="States"/> are the subjects' states as the decision saw them, the new hold included.
/// </summary>
public sealed record ReservationOutcome(EntitlementDecision Decision, string? ReservationId, DateTimeOffset? ExpiresAt, IReadOnlyList<SubjectState> States);
