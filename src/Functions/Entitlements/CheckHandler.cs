using Billing.Domain.Budgets;
using Billing.Domain.Entitlements;
using Billing.Domain.Prices;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;
using Billing.Functions.Prices;
using Billing.Functions.Problems;
using Billing.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Entitlements;

/// <summary>
/// Answers "may this call proceed?": one point read per subject, in parallel (or the bounded-staleness cache), then
/// the pure entitlement policy over every window of every subject. A denial is a normal answer; only malformed
/// requests are problems. Without <c>estimated_cost</c>, the cost is estimated from the price book when the request
/// gives the model and its prompt or completion tokens.
/// </summary>
public sealed class CheckHandler(SubjectStore store, PriceBookCache prices, IOptions<CheckOptions> options, IOptions<Credits.BillingOptions> billing, TimeProvider time,
    Reservations.ReservationService reservations, Telemetry.BillingMetrics metrics)
{
    public async Task<Validated<CheckResponse>> CheckAsync(CheckRequest? request, CancellationToken cancellationToken)
    {
        if (request is null) return Problem("body", "is missing; expected {\"subjects\": {...}}");
        if (request.EstimatedCost < 0) return Problem("estimated_cost", "must not be negative");
        if (request.EstimatedCost > Usage.LiteLlmNormalizer.MaxCost) return Problem("estimated_cost", $"must be at most {Usage.LiteLlmNormalizer.MaxCost}");
        if (request.EstimatedTokens < 0) return Problem("estimated_tokens", "must not be negative");
        if (request.EstimatedPromptTokens < 0) return Problem("estimated_prompt_tokens", "must not be negative");
        if (request.EstimatedCompletionTokens < 0) return Problem("estimated_completion_tokens", "must not be negative");
        if (request is { EstimatedPromptTokens: { } prompt, EstimatedCompletionTokens: { } completion } && completion > long.MaxValue - prompt)
            return Problem("estimated_completion_tokens", "makes the estimated tokens larger than a 64-bit count");
        if (request.Model is { Length: > 256 }) return Problem("model", "must be at most 256 characters");
        var parsed = RequestSubjects.Parse(request.Subjects);
        if (parsed.Problem is not null) return new(null, parsed.Problem);
        if (request.ReservationId is { } id && (request.Reserve != true || !Domain.Reservations.Hold.IsValidCallerId(id)))
            return Problem("reservation_id", request.Reserve != true ? "is only used with \"reserve\": true" : $"must be 1 to {Domain.Reservations.Hold.MaxCallerIdLength} characters without control characters");
        var cost = await EstimateCostAsync(request, cancellationToken);
        if (cost is null) return Problem("estimated_prompt_tokens", "with estimated_completion_tokens, costs more than the ledger can hold at this model's price");
        var tokens = request.EstimatedTokens ?? (request.EstimatedPromptTokens ?? 0) + (request.EstimatedCompletionTokens ?? 0);
        var estimate = new CheckEstimate(cost.Cost, tokens, request.Model);
        if (request.Reserve == true)
        {
            if (request.ReservationId is null && Reservations.ReservationIds.New(parsed.Value!) is null)
                return Problem("subjects", "are too long together to name in a reservation id; pass your own reservation_id");
            return await ReserveAsync(parsed.Value!, estimate, request, cost, cancellationToken);
        }

        var states = await store.ReadManyCachedAsync(parsed.Value!, cancellationToken);
        var now = time.GetUtcNow();
        var standings = states.Select(s => SubjectStanding.Of(s.Subject, s.Account, s.Ledger, now, s.HoldBook)).ToList();
        var payer = Payer(states, now);
        var suspended = states.Any(s => s.Suspension is not null) ? states.Where(s => s.Suspension is not null).ToDictionary(s => s.Subject, s => s.Suspension!) : null;
        var decision = EntitlementPolicy.Decide(standings, estimate, options.Value.UnknownSubjects, payer, suspended);
        return new(ToResponse(decision, request, cost) with { Payer = View(payer) }, null);
    }

    /// <summary>The check that also holds the estimate (<see cref="Reservations.ReservationService"/>); a denial holds nothing.</summary>
    private async Task<Validated<CheckResponse>> ReserveAsync(List<SubjectId> subjects, CheckEstimate estimate, CheckRequest request, CostEstimate cost, CancellationToken cancellationToken)
    {
        var outcome = await reservations.ReserveAsync(subjects, estimate, request.ReservationId, cancellationToken);
        var now = time.GetUtcNow();
        var payer = Payer(outcome.States, now);
        return new(ToResponse(outcome.Decision, request, cost) with
        {
            Payer = View(payer),
            ReservationId = outcome.ReservationId,
            ExpiresAt = outcome.ExpiresAt,
        }, null);
    }

    /// <summary>
    /// The request's <c>estimated_cost</c>; else the price book's price of the estimated prompt and completion tokens
    /// for the model; else 0. Null when the price book's estimate is larger than the ledger can hold.
    /// </summary>
    private async ValueTask<CostEstimate?> EstimateCostAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        if (request.EstimatedCost is { } given) return new(given, EstimateSources.Request);
        if (request.Model is null || request is { EstimatedPromptTokens: null, EstimatedCompletionTokens: null }) return CostEstimate.None;
        var book = await prices.GetAsync(cancellationToken);
        if (book.Find(request.Model) is not { } price) return CostEstimate.None;
        var tokens = new TokenCounts(request.EstimatedPromptTokens ?? 0, request.EstimatedCompletionTokens ?? 0, 0, 0);
        return Pricing.TryPrice(price, tokens, out var cost) ? new(cost, EstimateSources.PriceBook) : null;
    }

    /// <summary>The first prepaid subject in the payer order, with its balance now (an expired grant no longer counts).</summary>
    private PayerStanding? Payer(IReadOnlyList<SubjectState> states, DateTimeOffset now)
    {
        var prepaid = states.Where(s => s.IsPrepaid).ToDictionary(s => s.Subject);
        if (prepaid.Count == 0 || billing.Value.PayerRule.Choose(states.Select(s => s.Subject), prepaid.ContainsKey) is not { } payer) return null;
        var state = prepaid[payer];
        return new PayerStanding(payer, checked(state.Book.BalanceNanos(now) - state.HoldBook.HeldNanos(now)), state.Account!.SuspendBelowNanos);
    }

    private CheckResponse ToResponse(EntitlementDecision decision, CheckRequest request, CostEstimate cost)
    {
        metrics.Decided(decision, request.Reserve == true);
        return ToResponse(decision, request.Model, cost);
    }

    private static CheckResponse ToResponse(EntitlementDecision decision, string? model, CostEstimate cost) => new(
        decision.Allowed,
        decision.Reason,
        decision.DeniedBy is { } denial ? new CheckDenial(denial.Subject.ToString(), denial.Window) : null,
        decision.Subjects.Select(s => new CheckSubject(s.Subject.ToString(), s.HasAccount, s.Currency.Code, s.Windows.Select(w => new CheckWindow(
            w.Window.Name, w.Window.Period.Name, BudgetNames.Name(w.Window.Metric), BudgetNames.Name(w.Window.Mode),
            w.Window.Limit, w.Used, w.Remaining, w.Span.Start, w.Span.End, w.AppliesTo(model)) { Held = w.Held }).ToList())).ToList(),
        cost.Cost,
        cost.Source);

    private static CheckPayer? View(PayerStanding? payer) => payer is null ? null
        : new CheckPayer(payer.Subject.ToString(), Domain.Money.MoneyUnits.FromNanos(payer.BalanceNanos), Credits.CreditView.StatusName(payer.IsSuspended));

    private static Validated<CheckResponse> Problem(string field, string message) => new(null, BillingProblems.Field(field, message));

    private sealed record CostEstimate(decimal Cost, string Source)
    {
        public static readonly CostEstimate None = new(0m, EstimateSources.None);
    }
}
