using Billing.Domain.Subjects;
using Billing.Functions.Accounts;
using Billing.Functions.Alerts;
using Billing.Functions.Auth;
using Billing.Functions.Json;
using Billing.Functions.Problems;
using Billing.Functions.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Dashboard;

/// <summary>
/// <c>GET /accounts/{subject}</c>: the owners' page, server-rendered HTML, opened by a signed link
/// (<see cref="DashboardLinks"/>) or the admin key as <c>Authorization: Bearer</c>; anything else is a plain 403 page.
/// It writes nothing, sets no cookie and is never cached. <c>POST /api/accounts/{subject}/dashboard-link</c> (admin key,
/// routed here by the account routes) makes a link.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>The page's route, outside <c>/api</c>: it is HTML for people, not part of the JSON API or its document.</summary>
    public const string Pattern = "/accounts/{**subject}";

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName)
            .Validate(o => !o.SignedLinksOn || o.SigningKey!.Length >= DashboardOptions.MinKeyLength,
                $"Dashboard:SigningKey must be at least {DashboardOptions.MinKeyLength} characters (or empty: signed links off).")
            .Validate(o => o.LinkLifetime >= TimeSpan.FromMinutes(1) && o.LinkLifetime <= DashboardOptions.MaxLifetime,
                "Dashboard:LinkLifetime must be between 00:01:00 and 90.00:00:00.")
            .ValidateOnStart();
        return services.AddSingleton<DashboardLinks>().AddSingleton<DashboardReader>();
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet(Pattern, PageAsync);
        return app;
    }

    private static async Task<IResult> PageAsync(HttpContext context, DashboardLinks links, DashboardReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = DashboardHtml.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";

        var raw = Uri.UnescapeDataString(RawSubject(context));
        var query = context.Request.Query;
        // Both are evaluated, so the time taken does not tell which one was tried.
        var admin = PresentedKeys.Of(context).Bearer == KeyScope.Admin; // identified once per request (the rate limiter asked first)
        var signed = links.Verify(raw, query["exp"].FirstOrDefault(), query["sig"].FirstOrDefault(), time.GetUtcNow());
        if (!(admin | signed))
            return Html(StatusCodes.Status403Forbidden, DashboardHtml.Plain("Link not valid",
                "This link is not valid or has expired. Open the link in your latest alert email, or ask the service's operators for a new one."));
        if (!SubjectId.TryParse(raw, out var subject) || await reader.ReadAsync(subject, cancellationToken) is not { } view)
            return Html(StatusCodes.Status404NotFound, DashboardHtml.Plain("No such account", "This account has no budget and no usage yet."));
        return Html(StatusCodes.Status200OK, DashboardPage.Render(view));
    }

    private static IResult Html(int status, string html) => TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    /// <summary>The raw (still percent-encoded) target after <c>/accounts/</c>, without the query: ids keep their <c>/ \ # ? %</c>.</summary>
    private static string RawSubject(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target)) target = context.Request.PathBase + context.Request.Path.ToUriComponent();
        var end = target.IndexOf('?');
        if (end >= 0) target = target[..end];
        return target.StartsWith(DashboardLinks.PathPrefix, StringComparison.OrdinalIgnoreCase) ? target[DashboardLinks.PathPrefix.Length..] : "";
    }

    /// <summary><c>POST /api/accounts/{subject}/dashboard-link</c>: a signed link to the page, valid for the body's <c>valid_for_seconds</c> or the default lifetime.</summary>
    public static async Task<IResult> CreateLinkAsync(HttpContext context, SubjectId subject, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var links = services.GetRequiredService<DashboardLinks>();
        if (!links.Enabled)
            return TypedResults.Problem(BillingProblems.Field("Dashboard:SigningKey", "is not set on the service, so signed links are off", StatusCodes.Status409Conflict));
        var body = await RequestBody.ReadAsync(context, BillingJsonContext.Default.DashboardLinkRequest, cancellationToken);
        if (body.Problem is { } invalid) return TypedResults.Problem(invalid);
        var validFor = body.Value?.ValidForSeconds is { } seconds ? TimeSpan.FromSeconds(Math.Clamp(seconds, 0, (long)DashboardOptions.MaxLifetime.TotalSeconds + 1)) : links.Lifetime;
        if (validFor < TimeSpan.FromMinutes(1) || validFor > DashboardOptions.MaxLifetime)
            return TypedResults.Problem(BillingProblems.Field("valid_for_seconds", $"must be from 60 to {(long)DashboardOptions.MaxLifetime.TotalSeconds} (90 days)"));
        if (!(await services.GetRequiredService<SubjectStore>().ReadAsync(subject, cancellationToken)).Exists)
            return TypedResults.Problem(AccountHandler.Unknown(subject));
        var link = links.Create(BaseUrl(context), subject, services.GetRequiredService<TimeProvider>().GetUtcNow() + validFor);
        return TypedResults.Json(new DashboardLinkResponse(link.Url, link.ExpiresAt), BillingJsonContext.Default.DashboardLinkResponse);
    }

    /// <summary>The app's public base URL: <c>Timers:BudgetAlerts:PageUrl</c> when set (what the emails link), else this request's.</summary>
    private static string BaseUrl(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<BudgetAlertsOptions>>().Value.PageUrl is { Length: > 0 } page
            ? page
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
}
