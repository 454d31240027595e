using Billing.Domain.Subjects;

namespace Billing.Domain.Reconciliation;

/// <summary>
/// One broken invariant of one subject: <see cref="Expected"/> is the figure the evidence gives (the rows it is the
/// sum of), <see cref="Actual"/> the figure stored; money as exact decimals. <see cref="Detail"/> says it in words.
/// </summary>
public sealed record Difference(SubjectId Subject, Invariant Invariant, string Expected, string Actual, string Detail);
