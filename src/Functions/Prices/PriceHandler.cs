using Billing.Domain.Prices;
using Billing.Functions.Problems;
using Billing.Functions.Storage;
using Billing.Functions.Usage;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Prices;

/// <summary>Sets and reads the price book. A price set here applies to this instance's next event and check at once.</summary>
public sealed class PriceHandler(PriceStore store, PriceBookCache book, TimeProvider time)
{
    public async Task<Validated<PriceView>> PutAsync(string model, PriceRequest? request, CancellationToken cancellationToken)
    {
        if (InvalidModel(model) is { } invalidModel) return new(null, invalidModel);
        if (request is null)
            return Invalid(BillingProblems.Field("body", "is missing; expected {\"input_per_million\": 2.5, \"output_per_million\": 10}"));
        var errors = new Dictionary<string, string[]>();
        Check(request.InputPerMillion, "input_per_million", required: true);
        Check(request.OutputPerMillion, "output_per_million", required: true);
        Check(request.CachedInputPerMillion, "cached_input_per_million", required: false);
        Check(request.ReasoningPerMillion, "reasoning_per_million", required: false);
        if (errors.Count > 0)
        {
            var detail = string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}"));
            return Invalid(BillingProblems.Create(StatusCodes.Status400BadRequest, "The request is invalid.", detail, errors));
        }

        var price = new ModelPrice(request.InputPerMillion!.Value, request.OutputPerMillion!.Value, request.CachedInputPerMillion, request.ReasoningPerMillion);
        var stored = new StoredPrice(model, price, time.GetUtcNow());
        await store.PutAsync(stored, cancellationToken);
        await book.RefreshAsync(cancellationToken);
        return new(PriceView.Of(stored), null);

        void Check(decimal? perMillion, string field, bool required)
        {
            if (perMillion is null && required) errors[field] = ["is required (USD per million tokens)"];
            else if (perMillion is { } value && !ModelPrice.IsValid(value))
                errors[field] = [$"must be between 0 and {ModelPrice.MaxPerMillion} (USD per million tokens)"];
        }
    }

    public async Task<Validated<PriceView>> GetAsync(string model, CancellationToken cancellationToken)
    {
        if (InvalidModel(model) is { } invalidModel) return new(null, invalidModel);
        return await store.GetAsync(model, cancellationToken) is { } stored
            ? new(PriceView.Of(stored), null)
            : Invalid(BillingProblems.Field("model", $"'{Short(model)}' has no price", StatusCodes.Status404NotFound));
    }

    public async Task<PriceListResponse> ListAsync(CancellationToken cancellationToken) =>
        new((await store.ListAsync(cancellationToken)).Select(PriceView.Of).ToList());

    private static ProblemDetails? InvalidModel(string model) => model.Length switch
    {
        0 => BillingProblems.Field("model", "is missing; expected /api/prices/{model}"),
        > LiteLlmNormalizer.MaxModelLength => BillingProblems.Field("model", $"must be at most {LiteLlmNormalizer.MaxModelLength} characters"),
        _ => null,
    };

    private static Validated<PriceView> Invalid(ProblemDetails problem) => new(null, problem);

    private static string Short(string model) => model.Length > 80 ? model[..80] + "…" : model;
}
