using Billing.Functions.Auth;
using Billing.Functions.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Entitlements;

public static class CheckEndpoints
{
    public static IServiceCollection AddEntitlements(this IServiceCollection services)
    {
        services.AddOptions<CheckOptions>().BindConfiguration(CheckOptions.SectionName);
        services.AddSingleton<CheckHandler>();
        return services;
    }

    /// <summary><c>POST /api/check</c>; on Functions a forwarded HTTP function, served by this same route.</summary>
    public static IEndpointRouteBuilder MapCheck(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/check", CheckAsync).RequireKey(KeyScope.Check);
        return app;
    }

    private static async Task<Results<JsonHttpResult<CheckResponse>, ProblemHttpResult>> CheckAsync(
        HttpContext context, CheckHandler handler, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(context, BillingJsonContext.Default.CheckRequest, cancellationToken);
        if (request.Problem is { } invalid) return TypedResults.Problem(invalid);
        var checkedRequest = await handler.CheckAsync(request.Value, cancellationToken);
        return checkedRequest.Problem is { } problem
            ? TypedResults.Problem(problem)
            : TypedResults.Json(checkedRequest.Value!, BillingJsonContext.Default.CheckResponse);
    }
}
