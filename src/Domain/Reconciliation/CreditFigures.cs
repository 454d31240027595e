using Billing.Domain.Credits;

namespace Billing.Domain.Reconciliation;

/// <summary>A subject's credit book as stored in its state row, and every credit entry (<c>c|</c>) of its partition.</summary>
public sealed record CreditFigures(CreditBook Book, IReadOnlyList<CreditEntry> Entries);
