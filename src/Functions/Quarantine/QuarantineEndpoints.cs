using Billing.Functions.Auth;
using Billing.Functions.Json;
using Billing.Functions.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Quarantine;

public static class QuarantineEndpoints
{
    private const string ReplaySuffix = "/replay";

    public static IServiceCollection AddQuarantine(this IServiceCollection services) => services
        .AddSingleton<QuarantineHandler>()
        .AddSingleton<QuarantineReplayHandler>();

    /// <summary>
    /// <c>GET /api/quarantine</c> (a page), <c>GET /api/quarantine/{id}</c> (one item with its raw text) and
    /// <c>POST /api/quarantine/{id}/replay</c>, admin key. The item routes are one catch-all, as the Functions route
    /// <c>quarantine/{*rest}</c> is: that one also matches <c>/api/quarantine</c>, so one function serves all three.
    /// </summary>
    public static IEndpointRouteBuilder MapQuarantine(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/quarantine").RequireKey(KeyScope.Admin);
        group.MapGet("", ListAsync);
        group.MapGet("/{**rest}", GetAsync);
        group.MapPost("/{**rest}", ReplayAsync);
        return app;
    }

    private static async Task<Results<JsonHttpResult<QuarantineListResponse>, ProblemHttpResult>> ListAsync(
        HttpContext context, QuarantineHandler handler, CancellationToken cancellationToken)
    {
        var page = await handler.ListAsync(context.Request.Query, cancellationToken);
        return page.Value is { } value ? TypedResults.Json(value, BillingJsonContext.Default.QuarantineListResponse) : HandlerResults.Problem(page.Problem);
    }

    /// <summary><c>/api/quarantine/{id}</c>; an empty rest (<c>/api/quarantine/</c>) is the list.</summary>
    private static async Task<IResult> GetAsync(string? rest, HttpContext context, QuarantineHandler handler, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(rest)) return await ListAsync(context, handler, cancellationToken);
        var item = await handler.GetAsync(rest, cancellationToken);
        return item.Value is { } value ? TypedResults.Json(value, BillingJsonContext.Default.QuarantineItemView) : HandlerResults.Problem(item.Problem);
    }

    private static async Task<Results<JsonHttpResult<QuarantineReplayResponse>, ProblemHttpResult>> ReplayAsync(
        string? rest, QuarantineReplayHandler handler, CancellationToken cancellationToken)
    {
        if (rest is null || !rest.EndsWith(ReplaySuffix, StringComparison.Ordinal))
            return TypedResults.Problem(BillingProblems.Field("path", "expected POST /api/quarantine/{id}/replay", StatusCodes.Status404NotFound));
        var replayed = await handler.ReplayAsync(rest[..^ReplaySuffix.Length], cancellationToken);
        return replayed.Value is { } value ? TypedResults.Json(value, BillingJsonContext.Default.QuarantineReplayResponse) : HandlerResults.Problem(replayed.Problem);
    }
}
