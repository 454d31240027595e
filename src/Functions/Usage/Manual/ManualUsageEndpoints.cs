using Billing.Functions.Auth;
using Billing.Functions.Json;
using Billing.Functions.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Usage.Manual;

public static class ManualUsageEndpoints
{
    public static IServiceCollection AddManualUsage(this IServiceCollection services) => services.AddSingleton<ManualUsageHandler>();

    /// <summary><c>POST /api/usage/manual</c> (admin key), in both hosts: on Functions the forwarded <c>UsageManual</c> function.</summary>
    public static IEndpointRouteBuilder MapManualUsage(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/usage/manual", EnterAsync).RequireKey(KeyScope.Admin);
        return app;
    }

    private static async Task<Results<JsonHttpResult<ManualUsageResponse>, ProblemHttpResult>> EnterAsync(
        HttpContext context, ManualUsageHandler handler, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(context, BillingJsonContext.Default.ManualUsageRequest, cancellationToken);
        if (body.Problem is { } invalid) return TypedResults.Problem(invalid);
        var entered = await handler.EnterAsync(body.Value, cancellationToken);
        return entered.Value is { } value ? TypedResults.Json(value, BillingJsonContext.Default.ManualUsageResponse) : HandlerResults.Problem(entered.Problem);
    }
}
