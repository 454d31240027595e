using Billing.Functions.Auth;
using Billing.Functions.Json;
using Billing.Functions.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Health;

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName)
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(1), "Health:Timeout must be positive and at most 1 minute.")
            .ValidateOnStart();
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag])
            .AddCheck<OptionsHealthCheck>("options", tags: [ReadyTag]);
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<HealthOptions>>((checks, health) =>
        {
            foreach (var registration in checks.Registrations) registration.Timeout = health.Value.Timeout;
        });
        return services;
    }

    /// <summary>
    /// <c>GET /health/live</c> (the process serves requests) and <c>GET /health/ready</c> (storage answers and the
    /// options are valid; 503 otherwise), each with any one of the service's keys. On Functions the host forwards them
    /// (function <c>Health</c>, route <c>health/{check}</c>: host.json has no route prefix); it keeps polling <c>GET /</c> itself.
    /// Not rate limited: probes must see the instance as it is.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/{check}", CheckAsync).RequireAnyKey().DisableRateLimiting();
        return app;
    }

    private static async Task<IResult> CheckAsync(string check, HttpContext context, HealthCheckService health, CancellationToken cancellationToken) => check switch
    {
        "live" => Live(context),
        "ready" => await ReadyAsync(context, health, cancellationToken),
        _ => TypedResults.Problem(BillingProblems.Field("check", "is 'live' or 'ready'", StatusCodes.Status404NotFound)),
    };

    private static JsonHttpResult<HealthResponse> Live(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new HealthResponse(nameof(HealthStatus.Healthy), new Dictionary<string, HealthCheckView>()), BillingJsonContext.Default.HealthResponse);
    }

    private static async Task<JsonHttpResult<HealthResponse>> ReadyAsync(HttpContext context, HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(ReadyTag), cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        var checks = report.Entries.ToDictionary(e => e.Key, e => new HealthCheckView(e.Value.Status.ToString(), e.Value.Description, e.Value.Duration.TotalMilliseconds));
        return TypedResults.Json(new HealthResponse(report.Status.ToString(), checks), BillingJsonContext.Default.HealthResponse,
            statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}
