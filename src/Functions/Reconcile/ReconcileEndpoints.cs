using Billing.Functions.Auth;
using Billing.Functions.Json;
using Billing.Functions.Problems;
using Billing.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Reconcile;

public static class ReconcileEndpoints
{
    public static IServiceCollection AddReconcile(this IServiceCollection services)
    {
        services.AddOptions<ReconcileOptions>().BindConfiguration(ReconcileOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReconcileOptions>, ReconcileOptionsValidator>();
        services.AddSingleton(sp => new LedgerFiguresStore(sp.GetRequiredService<BillingTables>(), sp.GetRequiredService<IOptions<ReconcileOptions>>().Value.MaxRowsPerSubject));
        services.AddSingleton<ReconcileHandler>();
        return services;
    }

    /// <summary><c>POST /api/reconcile</c> (admin key): a read-only proof of the ledger's invariants, one subject or a page of all.</summary>
    public static IEndpointRouteBuilder MapReconcile(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/reconcile", ReconcileAsync).RequireKey(KeyScope.Admin);
        return app;
    }

    private static async Task<Results<JsonHttpResult<ReconcileResponse>, ProblemHttpResult>> ReconcileAsync(
        HttpContext context, ReconcileHandler handler, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(context, BillingJsonContext.Default.ReconcileRequest, cancellationToken);
        if (body.Problem is { } invalid) return TypedResults.Problem(invalid);
        var result = await handler.HandleAsync(body.Value, cancellationToken);
        return result.Value is { } value ? TypedResults.Json(value, BillingJsonContext.Default.ReconcileResponse) : HandlerResults.Problem(result.Problem);
    }
}
