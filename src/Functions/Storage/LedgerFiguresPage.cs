namespace Billing.Functions.Storage;

/// <summary>A page of subjects as read; <see cref="After"/> is the partition key the next page starts after (null: the last page).</summary>
public sealed record LedgerFiguresPage(IReadOnlyList<SubjectReading> Subjects, string? After);
