namespace Billing.Functions.Entitlements;

public sealed record CheckResponse(bool Allowed, string Reason, IReadOnlyList<CheckSubject> Subjects);

/// <summary>One subject's standing. Limit and remaining are null when it has no budget (unlimited).</summary>
public sealed record CheckSubject(string Subject, decimal? Limit, decimal Spent, decimal? Remaining, DateTimeOffset? PeriodEnd, string Currency);
