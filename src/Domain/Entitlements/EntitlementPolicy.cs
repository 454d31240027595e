namespace Billing.Domain.Entitlements;

/// <summary>
/// Denies when any subject's budget would be exceeded by spent + estimated cost, or is already used up;
/// subjects without a budget are unlimited; subjects without an account follow <see cref="UnknownSubjectPolicy"/>.
/// </summary>
public static class EntitlementPolicy
{
    public static EntitlementDecision Decide(IReadOnlyList<SubjectStanding> standings, decimal estimatedCost, UnknownSubjectPolicy unknownSubjects)
    {
        Guard.That(standings.Count > 0, "must name at least one subject", nameof(standings));
        Guard.NotNegative(estimatedCost, nameof(estimatedCost));

        foreach (var standing in standings)
        {
            if (!standing.HasAccount && unknownSubjects == UnknownSubjectPolicy.Deny)
                return Deny($"{standing.Subject} has no account and unknown subjects are denied");
            if (standing.Limit is not { } limit) continue;
            if (standing.Spent >= limit)
                return Deny($"{standing.Subject} has used its {Describe(standing)} budget: spent {standing.Spent} of {limit} {standing.Currency}");
            if (checked(standing.Spent + estimatedCost) > limit)
                return Deny($"{standing.Subject} would exceed its {Describe(standing)} budget: spent {standing.Spent} + estimated {estimatedCost} > limit {limit} {standing.Currency}");
        }
        return new EntitlementDecision(true, "within budget", standings);

        EntitlementDecision Deny(string reason) => new(false, reason, standings);
    }

    private static string Describe(SubjectStanding standing) => standing.Period.Period.ToString().ToLowerInvariant();
}
