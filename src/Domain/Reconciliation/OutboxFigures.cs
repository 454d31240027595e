namespace Billing.Domain.Reconciliation;

/// <summary>
/// The Lago side of one charged subject: the ids of its applied events Lago charges it for (successful calls), the ids
/// in its outbox rows (<c>o|</c>) and the ids its Lago record rows (<c>l|</c>) hold an outcome for.
/// </summary>
public sealed record OutboxFigures(IReadOnlyCollection<string> Billable, IReadOnlySet<string> InOutbox, IReadOnlySet<string> Recorded);
