using Billing.Functions.Auth;
using Billing.Functions.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Usage;

public static class UsageEndpoints
{
    /// <summary>The webhook and ingest handlers; in standalone mode also the Storage Queue and its worker.</summary>
    public static IServiceCollection AddUsage(this IServiceCollection services, bool standalone)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddSingleton<UsageWebhookHandler>();
        services.AddSingleton<MeteredLedger>();
        services.AddSingleton<UsageIngestHandler>();
        services.AddOptions<UsageQueueOptions>().BindConfiguration(UsageQueueOptions.SectionName)
            .Validate(o => o.VisibilityTimeout >= TimeSpan.FromSeconds(5) && o.VisibilityTimeout <= TimeSpan.FromHours(1), "UsageQueue:VisibilityTimeout must be 5 s to 1 h.")
            .Validate(o => o.IdleDelay > TimeSpan.Zero && o.IdleDelay <= TimeSpan.FromMinutes(1), "UsageQueue:IdleDelay must be above 0 and at most 1 min.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<UsageQueueOptions>, UsageQueueOptionsValidator>();
        if (!standalone) return services;

        services.AddSingleton<StorageUsageQueue>();
        services.AddSingleton<UsageQueueWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageQueueWorker>());
        return services;
    }

    /// <summary>Standalone <c>POST /api/usage</c>. On Functions the host invokes <c>/UsageWebhook</c> instead (Service Bus output).</summary>
    public static IEndpointRouteBuilder MapUsage(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/usage", AcceptAsync).RequireKey(KeyScope.Ingest);
        return app;
    }

    private static async Task<Results<JsonHttpResult<UsageAcceptedResponse>, ProblemHttpResult>> AcceptAsync(
        HttpContext context, UsageWebhookHandler handler, StorageUsageQueue queue, CancellationToken cancellationToken)
    {
        // The handler enforces Webhook:MaxBodyBytes itself, with a problem body; lift Kestrel's generic cap.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;

        var outcome = await handler.AcceptAsync(context.Request.Body, context.Request.ContentLength, cancellationToken);
        if (outcome.Problem is { } problem) return TypedResults.Problem(problem);
        await queue.SendAsync(outcome.Messages, cancellationToken);
        return TypedResults.Json(outcome.Body!, BillingJsonContext.Default.UsageAcceptedResponse, statusCode: StatusCodes.Status202Accepted);
    }
}
