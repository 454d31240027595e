using Billing.Domain.Alerts;
using Billing.Domain.Statements;
using Billing.Domain.Usage;

namespace Billing.Domain.Ledger;

/// <summary>
/// One row change a posting needs besides the subject's state, stored in the same transaction. New features add
/// entry kinds here; the storage writer maps each kind to a row (a closed set, kept together on purpose).
/// </summary>
public abstract record PostingEntry;

/// <summary>The event's applied marker: inserting it is what makes the posting exactly-once.</summary>
public sealed record UsageApplied(UsageEvent Event) : PostingEntry;

/// <summary>
/// Usage of a past UTC hour. <paramref name="FirstWrite"/>: the state's latest hour is being closed, so its row
/// cannot exist yet; otherwise a late event adds to a row that may exist.
/// </summary>
public sealed record HourRolledUp(HourBucket Bucket, bool FirstWrite) : PostingEntry;

/// <summary>A threshold crossed: the alert marker that the alert timer turns into one email.</summary>
public sealed record AlertCrossed(AlertCrossing Crossing) : PostingEntry;

/// <summary>A finished period's statement.</summary>
public sealed record PeriodClosed(PeriodStatement Statement) : PostingEntry;

/// <summary>A line of the credit ledger: a grant, a burn, an expiry or a void.</summary>
public sealed record CreditRecorded(Credits.CreditEntry Entry) : PostingEntry;

/// <summary>The events Lago is to charge this subject for: the outbox the Lago push drains, exactly once with the usage.</summary>
public sealed record OutboxRecorded(IReadOnlyList<Lago.OutboxEvent> Events) : PostingEntry;
