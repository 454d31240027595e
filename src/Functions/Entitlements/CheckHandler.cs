using Billing.Domain.Budgets;
using Billing.Domain.Entitlements;
using Billing.Domain.Subjects;
using Billing.Functions.Problems;
using Billing.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Entitlements;

/// <summary>
/// Answers "may this call proceed?": one point read per subject, in parallel (or the bounded-staleness cache), then
/// the pure entitlement policy over every window of every subject. A denial is a normal answer; only malformed
/// requests are problems.
/// </summary>
public sealed class CheckHandler(SubjectStore store, IOptions<CheckOptions> options, TimeProvider time)
{
    public async Task<Validated<CheckResponse>> CheckAsync(CheckRequest? request, CancellationToken cancellationToken)
    {
        if (request is null) return Problem("body", "is missing; expected {\"subjects\": {...}}");
        if (request.EstimatedCost < 0) return Problem("estimated_cost", "must not be negative");
        if (request.EstimatedTokens < 0) return Problem("estimated_tokens", "must not be negative");
        if (request.Model is { Length: > 256 }) return Problem("model", "must be at most 256 characters");
        var parsed = ParseSubjects(request.Subjects);
        if (parsed.Problem is not null) return new(null, parsed.Problem);

        var states = await store.ReadManyCachedAsync(parsed.Value!, cancellationToken);
        var now = time.GetUtcNow();
        var standings = states.Select(s => SubjectStanding.Of(s.Subject, s.Account, s.Ledger, now)).ToList();
        var estimate = new CheckEstimate(request.EstimatedCost ?? 0m, request.EstimatedTokens ?? 0, request.Model);
        var decision = EntitlementPolicy.Decide(standings, estimate, options.Value.UnknownSubjects);
        return new(ToResponse(decision, request.Model), null);
    }

    private static Validated<List<SubjectId>> ParseSubjects(Dictionary<string, string?>? given)
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

    private static CheckResponse ToResponse(EntitlementDecision decision, string? model) => new(
        decision.Allowed,
        decision.Reason,
        decision.DeniedBy is { } denial ? new CheckDenial(denial.Subject.ToString(), denial.Window) : null,
        decision.Subjects.Select(s => new CheckSubject(s.Subject.ToString(), s.HasAccount, s.Currency.Code, s.Windows.Select(w => new CheckWindow(
            w.Window.Name, w.Window.Period.Name, BudgetNames.Name(w.Window.Metric), BudgetNames.Name(w.Window.Mode),
            w.Window.Limit, w.Used, w.Remaining, w.Span.Start, w.Span.End, w.AppliesTo(model))).ToList())).ToList());

    private static Validated<CheckResponse> Problem(string field, string message) => new(null, BillingProblems.Field(field, message));
}
