using Billing.Functions.Auth;
using Billing.Functions.Json;
using Billing.Functions.Problems;
using Billing.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Prices;

public static class PriceEndpoints
{
    /// <summary>The price book: its table store, this instance's snapshot of it and the admin API.</summary>
    public static IServiceCollection AddPrices(this IServiceCollection services)
    {
        services.AddOptions<PriceOptions>().BindConfiguration(PriceOptions.SectionName)
            .Validate(o => o.RefreshInterval >= TimeSpan.Zero && o.RefreshInterval <= TimeSpan.FromHours(1), "Prices:RefreshInterval must be between 0 (no snapshot) and 1 hour.")
            .ValidateOnStart();
        services.AddSingleton<PriceStore>();
        services.AddSingleton<PriceBookCache>();
        services.AddSingleton<PriceHandler>();
        return services;
    }

    /// <summary>
    /// <c>PUT|GET /api/prices/{model}</c> (the model name percent-encoded, or with its <c>/</c> as is) and
    /// <c>GET /api/prices</c>; admin key.
    /// </summary>
    public static IEndpointRouteBuilder MapPrices(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ModelRoute.Prefix.TrimEnd('/')).RequireKey(KeyScope.Admin);
        group.MapPut("/{**model}", PutAsync);
        group.MapGet("/{**model}", GetAsync);
        return app;
    }

    private static async Task<Results<JsonHttpResult<PriceView>, ProblemHttpResult>> PutAsync(
        HttpContext context, PriceHandler handler, CancellationToken cancellationToken)
    {
        var model = ModelRoute.Read(context);
        var body = await RequestBody.ReadAsync(context, BillingJsonContext.Default.PriceRequest, cancellationToken);
        if (body.Problem is { } invalid) return TypedResults.Problem(invalid);
        return Answer(await handler.PutAsync(model, body.Value, cancellationToken));
    }

    private static async Task<Results<JsonHttpResult<PriceView>, JsonHttpResult<PriceListResponse>, ProblemHttpResult>> GetAsync(
        HttpContext context, PriceHandler handler, CancellationToken cancellationToken)
    {
        var model = ModelRoute.Read(context);
        if (model.Length == 0)
            return TypedResults.Json(await handler.ListAsync(cancellationToken), BillingJsonContext.Default.PriceListResponse);
        var result = await handler.GetAsync(model, cancellationToken);
        return result.Problem is { } problem
            ? TypedResults.Problem(problem)
            : TypedResults.Json(result.Value!, BillingJsonContext.Default.PriceView);
    }

    private static Results<JsonHttpResult<PriceView>, ProblemHttpResult> Answer(Validated<PriceView> result) =>
        result.Problem is { } problem
            ? TypedResults.Problem(problem)
            : TypedResults.Json(result.Value!, BillingJsonContext.Default.PriceView);
}
