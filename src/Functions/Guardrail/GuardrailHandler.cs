using System.Text.Json;
using Billing.Domain.Subjects;
using Billing.Functions.Entitlements;
using Billing.Functions.Prices;
using Billing.Functions.Problems;
using Billing.Functions.Usage;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Guardrail;

/// <summary>
/// LiteLLM's pre-call guardrail as a budget check. For <c>input_type: "request"</c> it maps <c>request_data</c> to
/// subjects by the usage events' rule (<see cref="LiteLlmSubjects"/>), counts the prompt's tokens
/// (<see cref="PromptTokens"/>), adds the model's output allowance (<see cref="OutputTokenAllowance"/>), and asks
/// <see cref="CheckHandler"/>, which prices the tokens from the price book (the check's one estimate rule) or, for a
/// model the book does not price, holds <see cref="GuardrailOptions.UnknownModelCost"/>. With a
/// <c>litellm_call_id</c> the check reserves under that id, so a retried guardrail call holds once; without one it
/// only checks. <c>input_type: "response"</c> is acknowledged: the spend comes from the usage event.
/// </summary>
public sealed class GuardrailHandler(
    CheckHandler check, PriceBookCache prices, PromptTokens promptTokens, IOptions<GuardrailOptions> options, ILogger<GuardrailHandler> logger)
{
    /// <summary>The check's limit on a model name.</summary>
    public const int MaxModelLength = 256;

    /// <summary>The call id keys the hold, so it follows the hold id rule: 1 to this many characters, no control characters.</summary>
    public const int MaxCallIdLength = Domain.Reservations.Hold.MaxCallerIdLength;

    private static readonly Validated<GuardrailResponse> Allowed = new(GuardrailResponse.Allow, null);

    private readonly OutputTokenAllowance _outputTokens = new(options.Value.OutputTokens);

    public async Task<Validated<GuardrailResponse>> HandleAsync(GuardrailRequest? request, CancellationToken cancellationToken)
    {
        if (request is null) return Problem("body", "is missing; expected LiteLLM's guardrail request {\"input_type\": \"request\", \"request_data\": {...}, ...}");
        switch (request.InputType)
        {
            case GuardrailInputTypes.Response: return Allowed;
            case GuardrailInputTypes.Request: break;
            case null: return Problem("input_type", "is missing; expected \"request\" or \"response\"");
            default: return Problem("input_type", "expected \"request\" or \"response\"");
        }
        var callId = request.LitellmCallId is { Length: > 0 } id ? id : null;
        if (callId is not null && !Domain.Reservations.Hold.IsValidCallerId(callId))
            return Problem("litellm_call_id", $"must be at most {MaxCallIdLength} characters without control characters: it keys the hold");
        var model = request.Model is { Length: > 0 } m ? m : null;
        if (model is { Length: > MaxModelLength }) return Problem("model", $"must be at most {MaxModelLength} characters");

        List<SubjectId> subjects;
        long prompt;
        var encoding = TokenEncodings.For(model);
        try
        {
            subjects = LiteLlmSubjects.Read(Identity(request.RequestData), "request_data.");
            prompt = promptTokens.Count(request, encoding);
        }
        catch (PayloadFieldException e)
        {
            return new(null, BillingProblems.Field(e.Field, e.Problem));
        }
        if (subjects.Count == 0)
        {
            // Nothing to budget: LiteLLM sends {} when it knows no caller, and a 400 would block the call.
            GuardrailLog.NoSubjects(logger, callId);
            return Allowed;
        }

        var completion = _outputTokens.For(model);
        var book = await prices.GetAsync(cancellationToken);
        var answer = await check.CheckAsync(new CheckRequest
        {
            Subjects = subjects.ToDictionary(s => SubjectKinds.Name(s.Kind), s => (string?)s.Id),
            Model = model,
            // Null: the check prices the tokens from the price book, as it does for any caller.
            EstimatedCost = book.Find(model) is null ? options.Value.UnknownModelCost : null,
            EstimatedPromptTokens = prompt,
            EstimatedCompletionTokens = completion,
            Reserve = callId is not null,
            ReservationId = callId,
        }, cancellationToken);
        if (answer.Problem is { } problem) return new(null, problem);

        var decision = answer.Value!;
        if (decision.Allowed)
        {
            GuardrailLog.Allowed(logger, callId, model, prompt, TokenEncodings.Name(encoding), completion, decision.EstimatedCost, decision.EstimateSource, callId is not null);
            return Allowed;
        }
        GuardrailLog.Blocked(logger, callId, model, decision.DeniedBy?.Subject ?? "", decision.DeniedBy?.Window, prompt, completion, decision.EstimatedCost);
        return new(GuardrailResponse.Block(BlockedReason.Of(decision)), null);
    }

    private static JsonElement? Identity(JsonElement? requestData) => requestData switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.Object } identity => identity,
        { } other => throw new PayloadFieldException("request_data", $"expected an object, got {LiteLlmNormalizer.Describe(other.ValueKind)}"),
    };

    private static Validated<GuardrailResponse> Problem(string field, string message) => new(null, BillingProblems.Field(field, message));
}
