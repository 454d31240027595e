using Billing.Domain.Entitlements;
using Billing.Functions.Storage;

namespace Billing.Functions.Reservations;

/// <summary>A placement's answer: the subject's state after the write (or as decided, when nothing was written) and the denial, if any.</summary>
internal readonly record struct Placed(SubjectState State, EntitlementDecision? Denial);
