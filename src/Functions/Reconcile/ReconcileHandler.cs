using Billing.Domain.Reconciliation;
using Billing.Domain.Subjects;
using Billing.Functions.Lago;
using Billing.Functions.Problems;
using Billing.Functions.Reports;
using Billing.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Reconcile;

/// <summary>
/// Proves the ledger's invariants on the stored rows (<see cref="Reconciler"/>) for one subject or a page of all
/// subjects, and changes nothing. The Lago outbox is checked only when the Lago sync is configured. A subject whose
/// state row never settled while it was read, or with more rows than <see cref="ReconcileOptions.MaxRowsPerSubject"/>,
/// is listed (<c>unsettled</c>, <c>too_large</c>) instead of compared.
/// </summary>
public sealed class ReconcileHandler(LedgerFiguresStore store, IOptions<LagoOptions> lago, IOptions<ReconcileOptions> options, ILogger<ReconcileHandler> logger)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1_000;

    public async Task<Validated<ReconcileResponse>> HandleAsync(ReconcileRequest? request, CancellationToken cancellationToken)
    {
        request ??= new ReconcileRequest();
        var charge = lago.Value.Charge;
        if (request.Subject is { } text)
        {
            if (request.Limit is not null || request.Continuation is not null)
                return Problem("subject", "cannot be combined with limit or continuation; send one subject or page over all of them");
            if (!SubjectId.TryParse(text, out var subject))
                return Problem("subject", $"must be '<kind>:<id>' with kind {SubjectKinds.Names} and an id of 1 to {SubjectId.MaxIdLength} characters");
            if (await store.ReadAsync(subject, charge, cancellationToken) is not { } reading)
                return new(null, BillingProblems.Field("subject", $"{subject} has neither an account nor usage", StatusCodes.Status404NotFound));
            return new(Answer([reading], null), null);
        }

        var limit = request.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit) return Problem("limit", $"must be a whole number from 1 to {MaxLimit}");
        string? after = null;
        if (request.Continuation is { } token && !ContinuationToken.TryRead(token, out after))
            return Problem("continuation", "is not a continuation this endpoint returned");
        var page = await store.ReadPageAsync(after, limit, charge, cancellationToken);
        return new(Answer(page.Subjects, page.After is { } last ? ContinuationToken.Write(last) : null), null);
    }

    private ReconcileResponse Answer(IReadOnlyList<SubjectReading> subjects, string? continuation)
    {
        var differences = subjects.Select(s => s.Figures).OfType<LedgerFigures>().SelectMany(Reconciler.Compare).Select(d => new ReconcileDifference(
            d.Subject.ToString(), InvariantNames.Name(d.Invariant), d.Expected, d.Actual, d.Detail)).ToList();
        var unsettled = Named(subjects, SubjectReadOutcome.Unsettled);
        var tooLarge = Named(subjects, SubjectReadOutcome.TooLarge);
        foreach (var d in differences) ReconcileLog.Differs(logger, d.Subject, d.Invariant, d.Expected, d.Actual);
        foreach (var subject in unsettled) ReconcileLog.Unsettled(logger, subject);
        foreach (var subject in tooLarge) ReconcileLog.TooLarge(logger, subject, options.Value.MaxRowsPerSubject);
        ReconcileLog.Checked(logger, subjects.Count, differences.Count, unsettled.Count, tooLarge.Count);
        return new ReconcileResponse(subjects.Count, differences, unsettled, tooLarge, continuation);
    }

    private static List<string> Named(IReadOnlyList<SubjectReading> subjects, SubjectReadOutcome outcome) =>
        subjects.Where(s => s.Outcome == outcome).Select(s => s.Subject.ToString()).ToList();

    private static Validated<ReconcileResponse> Problem(string field, string message) => new(null, BillingProblems.Field(field, message));
}
