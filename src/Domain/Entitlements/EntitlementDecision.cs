namespace Billing.Domain.Entitlements;

/// <summary>An expected outcome, not an error: a denial is a normal answer with a reason.</summary>
public sealed record EntitlementDecision(bool Allowed, string Reason, IReadOnlyList<SubjectStanding> Subjects);
