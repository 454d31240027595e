using Billing.Domain.Subjects;
using Billing.Functions.Problems;

namespace Billing.Functions.Entitlements;

/// <summary>
/// The <c>"subjects": {"team": "acme", "user": "ann"}</c> object of a request, read by one rule wherever it is sent
/// (<c>POST /api/check</c>, <c>POST /api/usage/manual</c>): keys are subject kinds, empty ids name nobody, and at
/// least one subject is required. A bad entry is a problem naming <c>subjects.&lt;kind&gt;</c>.
/// </summary>
public static class RequestSubjects
{
    public static Validated<List<SubjectId>> Parse(Dictionary<string, string?>? given)
    {
        var subjects = new List<SubjectId>();
        foreach (var (name, id) in given ?? [])
        {
            if (!SubjectKinds.TryParse(name, out var kind))
                return new(null, BillingProblems.Field($"subjects.{name}", $"is not a subject kind; use {SubjectKinds.Names}"));
            if (string.IsNullOrEmpty(id)) continue;
            if (!SubjectId.IsValidId(id))
                return new(null, BillingProblems.Field($"subjects.{name}", $"must be at most {SubjectId.MaxIdLength} characters"));
            subjects.Add(new SubjectId(kind, id));
        }
        return subjects.Count == 0
            ? new(null, BillingProblems.Field("subjects", $"must name at least one subject ({SubjectKinds.Names})"))
            : new(subjects, null);
    }
}
