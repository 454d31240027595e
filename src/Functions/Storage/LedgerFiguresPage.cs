using Billing.Domain.Reconciliation;

namespace Billing.Functions.Storage;

/// <summary>A page of subjects' figures; <see cref="After"/> is the partition key the next page starts after (null: the last page).</summary>
public sealed record LedgerFiguresPage(IReadOnlyList<LedgerFigures> Subjects, string? After);
