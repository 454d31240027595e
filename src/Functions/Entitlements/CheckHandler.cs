using Billing.Domain.Entitlements;
using Billing.Domain.Subjects;
using Billing.Functions.Problems;
using Billing.Functions.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Entitlements;

/// <summary>
/// Answers "may this call proceed?": one point read per subject, in parallel, then the pure entitlement policy.
/// A denial is a normal answer; only malformed requests are problems.
/// </summary>
public sealed class CheckHandler(SubjectStore store, IOptions<CheckOptions> options, TimeProvider time)
{
    public async Task<(CheckResponse? Response, ProblemDetails? Problem)> CheckAsync(CheckRequest? request, CancellationToken cancellationToken)
    {
        if (request is null) return (null, BillingProblems.Field("body", "is missing; expected {\"subjects\": {...}}"));
        if (request.EstimatedCost < 0) return (null, BillingProblems.Field("estimated_cost", "must not be negative"));
        var (subjects, problem) = ParseSubjects(request.Subjects);
        if (problem is not null) return (null, problem);

        var snapshots = await store.ReadManyCachedAsync(subjects, cancellationToken);
        var now = time.GetUtcNow();
        var standings = snapshots.Select(s => SubjectStanding.Of(s.Subject, s.Account, s.Ledger, now)).ToList();
        var decision = EntitlementPolicy.Decide(standings, request.EstimatedCost ?? 0m, options.Value.UnknownSubjects);
        return (ToResponse(decision), null);
    }

    private static (List<SubjectId> Subjects, ProblemDetails? Problem) ParseSubjects(Dictionary<string, string?>? given)
    {
        var subjects = new List<SubjectId>();
        foreach (var (name, id) in given ?? [])
        {
            if (!SubjectKinds.TryParse(name, out var kind))
                return (subjects, BillingProblems.Field($"subjects.{name}", "is not a subject kind; use key, user, team, org or end_user"));
            if (string.IsNullOrEmpty(id)) continue;
            if (!SubjectId.IsValidId(id))
                return (subjects, BillingProblems.Field($"subjects.{name}", $"must be at most {SubjectId.MaxIdLength} characters"));
            subjects.Add(new SubjectId(kind, id));
        }
        return subjects.Count == 0
            ? (subjects, BillingProblems.Field("subjects", "must name at least one subject (key, user, team, org or end_user)"))
            : (subjects, null);
    }

    private static CheckResponse ToResponse(EntitlementDecision decision) => new(
        decision.Allowed,
        decision.Reason,
        decision.Subjects.Select(s => new CheckSubject(s.Subject.ToString(), s.Limit, s.Spent, s.Remaining, s.Period.End, s.Currency.Code)).ToList());
}
