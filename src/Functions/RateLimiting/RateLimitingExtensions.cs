using System.Globalization;
using System.Threading.RateLimiting;
using Billing.Functions.Problems;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Billing.Functions.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter over every endpoint but those marked <c>DisableRateLimiting</c> (<c>GET /</c>, health,
/// the custom-handler invocations, which the webhook limits itself): a token bucket per caller (<see cref="CallerRateLimiter"/>);
/// over the budget, 429 with <c>Retry-After</c> and a problem body.
/// </summary>
public static class RateLimitingExtensions
{
    public static IServiceCollection AddBillingRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName)
            .Validate(o => o.Ingest.IsValid, Invalid(nameof(RateLimitOptions.Ingest)))
            .Validate(o => o.Check.IsValid, Invalid(nameof(RateLimitOptions.Check)))
            .Validate(o => o.Admin.IsValid, Invalid(nameof(RateLimitOptions.Admin)))
            .Validate(o => o.Anonymous.IsValid, Invalid(nameof(RateLimitOptions.Anonymous)))
            .ValidateOnStart();
        services.AddSingleton<CallerRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<CallerRateLimiter, ILoggerFactory>((options, limiter, logs) =>
        {
            var logger = logs.CreateLogger(typeof(RateLimitingExtensions).FullName!);
            options.GlobalLimiter = limiter.ForRequests();
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var http = context.HttpContext;
                var seconds = RetryAfterSeconds(context.Lease);
                var caller = limiter.CallerOf(http);
                if (caller.Class == Caller.AnonymousClass) RateLimitLog.AnonymousLimited(logger, caller.Identity, seconds);
                else RateLimitLog.Limited(logger, caller.Class, caller.Identity, seconds);
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(TypedResults.Problem(Problem(seconds)).ExecuteAsync(http));
            };
        });
        return services;
    }

    /// <summary>Adds the limiter (after routing, so it sees each endpoint's <c>DisableRateLimiting</c>) unless <c>RateLimit:Enabled</c> is false.</summary>
    public static WebApplication UseBillingRateLimiting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled) app.UseRateLimiter();
        return app;
    }

    /// <summary>Whole seconds until the bucket holds a permit again, at least 1.</summary>
    public static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;

    public static ProblemDetails Problem(int retryAfterSeconds) => BillingProblems.Create(
        StatusCodes.Status429TooManyRequests,
        "Too many requests",
        $"This caller is over its rate limit; retry after {retryAfterSeconds} seconds (Retry-After).");

    private static string Invalid(string @class) =>
        $"RateLimit:{@class}:PermitsPerSecond must be above 0 and at most {TokenBucketOptions.MaxPermitsPerSecond}, and RateLimit:{@class}:Burst at least 1.";
}
