using Billing.Domain.Money;
using Billing.Functions.Auth;
using Billing.Functions.Json;
using Billing.Functions.Problems;
using Billing.Functions.Storage;
using Billing.Functions.Timers;
using Cronos;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Lago;

public static class LagoEndpoints
{
    public static IServiceCollection AddLago(this IServiceCollection services)
    {
        services.AddOptions<LagoOptions>().BindConfiguration(LagoOptions.SectionName)
            .Validate(o => Domain.Lago.ChargeRule.TryParse(o.ChargeBy, out _), "Lago:ChargeBy must be team, user, end_user, org or key (or LiteLLM's team_id, user_id, end_user_id).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.EventCode), "Lago:EventCode must not be empty.")
            .ValidateOnStart();
        services.AddOptions<LagoPushOptions>().BindConfiguration(LagoPushOptions.SectionName)
            .Validate(o => IsSchedule(o.Schedule), "Timers:LagoPush:Schedule must be an NCRONTAB expression with seconds, e.g. '0 * * * * *'.")
            .Validate(o => o.Backoff > TimeSpan.Zero && o.MaxBackoff >= o.Backoff, "Timers:LagoPush:Backoff must be positive and at most MaxBackoff.")
            .Validate(o => o.OrphanAfter >= TimeSpan.FromMinutes(10) && o.LeaseFor > TimeSpan.Zero && o.MaxBatchesPerRun > 0,
                "Timers:LagoPush:OrphanAfter must be at least 10 minutes (a job's refresh plus a storage request's retries), LeaseFor and MaxBatchesPerRun positive.")
            .ValidateOnStart();
        services.AddOptions<LagoPullOptions>().BindConfiguration(LagoPullOptions.SectionName)
            .Validate(o => IsSchedule(o.Schedule), "Timers:LagoPull:Schedule must be an NCRONTAB expression with seconds, e.g. '0 */5 * * * *'.")
            .Validate(o => o.LeaseFor > TimeSpan.Zero, "Timers:LagoPull:LeaseFor must be positive.")
            .ValidateOnStart();
        services.AddLagoClient(); // also binds and checks ApiUrl, ApiKey and RequestTimeout
        services.AddSingleton<LagoOutbox>();
        services.AddSingleton<LagoSyncStore>();
        services.AddSingleton<LagoBatchSender>();
        services.AddSingleton<LagoSubjects>();
        services.AddSingleton<LagoWalletMirror>();
        services.AddSingleton<LagoWebhookVerifier>();
        services.AddSingleton<LagoWebhookHandler>();
        services.AddSingleton<LagoPushHandler>();
        services.AddSingleton<LagoPullHandler>();
        services.AddSingleton<ITimerJob>(sp => sp.GetRequiredService<LagoPushHandler>());
        services.AddSingleton<ITimerJob>(sp => sp.GetRequiredService<LagoPullHandler>());
        return services;
    }

    /// <summary>
    /// <c>POST /api/lago/webhooks</c> (Lago's signature, no key: Lago cannot send one) and <c>GET /api/lago/parked</c>
    /// (admin key): the events Lago refused.
    /// </summary>
    public static IEndpointRouteBuilder MapLago(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/lago/webhooks", WebhookAsync);
        app.MapGet("/api/lago/parked", ParkedAsync).RequireKey(KeyScope.Admin);
        return app;
    }

    private static async Task<IResult> WebhookAsync(HttpContext context, LagoWebhookHandler handler, CancellationToken cancellationToken)
    {
        var (body, tooLarge) = await RequestBody.ReadBytesAsync(context, LagoWebhookHandler.MaxBodyBytes, cancellationToken);
        if (tooLarge is not null) return TypedResults.Problem(tooLarge);
        var headers = context.Request.Headers;
        var result = await handler.HandleAsync(body, headers["X-Lago-Signature"].ToString(),
            headers["X-Lago-Signature-Algorithm"].ToString(), headers["X-Lago-Unique-Key"].ToString(), cancellationToken);
        if (result.Status == StatusCodes.Status200OK)
            return TypedResults.Json(new LagoWebhookAnswer(result.Message), BillingJsonContext.Default.LagoWebhookAnswer);
        return TypedResults.Problem(result.Field is { } field
            ? BillingProblems.Field(field, result.Message, result.Status)
            : BillingProblems.Create(result.Status, "Lago unavailable", result.Message));
    }

    private static async Task<Results<JsonHttpResult<LagoParkedResponse>, ProblemHttpResult>> ParkedAsync(
        HttpContext context, LagoSyncStore sync, CancellationToken cancellationToken)
    {
        // Read by hand, not bound: a bound int? answers "limit=many" with a bare 400 that names nothing.
        var limit = Reports.QueryValues.Count(context.Request.Query, "limit", 100, 1000);
        if (limit.Problem is { } invalid) return TypedResults.Problem(invalid);
        var after = Reports.QueryValues.Text(context.Request.Query, "after");
        if (after.Problem is { } twice) return TypedResults.Problem(twice);
        var (rows, next) = await sync.ParkedAsync(limit.Value, after.Value, cancellationToken);
        var events = rows.Select(r => new LagoParkedEvent(
            r.GetString("Subject") ?? "", r.GetString("EventId") ?? "", r.GetString("Subscription") ?? "", r.GetInt64("OccurredAt") ?? 0,
            MoneyUnits.FromNanos(r.GetInt64("CostNanos") ?? 0), r.GetString("Model") ?? "", r.GetString("Reason") ?? "",
            r.GetDateTimeOffset("ParkedAt") ?? DateTimeOffset.MinValue)).ToList();
        return TypedResults.Json(new LagoParkedResponse(events, next), BillingJsonContext.Default.LagoParkedResponse);
    }

    private static bool IsSchedule(string? schedule) => schedule is not null && CronExpression.TryParse(schedule, CronFormat.IncludeSeconds, out _);
}
