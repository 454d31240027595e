namespace Billing.Domain.Entitlements;

/// <summary>
/// An expected outcome, not an error: a denial is a normal answer with a reason naming the subject and the window
/// (<see cref="DeniedBy"/>).
/// </summary>
public sealed record EntitlementDecision(bool Allowed, string Reason, IReadOnlyList<SubjectStanding> Subjects, Denial? DeniedBy = null)
{
    /// <summary>The reason as a closed set, for metrics and scripts.</summary>
    public DecisionReason Code { get; init; } = Allowed ? DecisionReason.WithinBudget : DecisionReason.Other;
}

public sealed record Denial(Subjects.SubjectId Subject, string? Window);
