using System.Text.Json;
using Billing.Functions.Alerts;
using Billing.Functions.Auth;
using Billing.Functions.Budgets;
using Billing.Functions.Problems;
using Cronos;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Timers;

public static class TimerEndpoints
{
    /// <summary>The timers' handlers; standalone also runs them on their schedules in process (<see cref="TimerOptions.InProcess"/>).</summary>
    public static IServiceCollection AddTimers(this IServiceCollection services, bool standalone)
    {
        services.AddOptions<BudgetRolloverOptions>().BindConfiguration(BudgetRolloverOptions.SectionName)
            .Validate(o => IsSchedule(o.Schedule), "Timers:BudgetRollover:Schedule must be an NCRONTAB expression with seconds, e.g. '0 */5 * * * *'.")
            .Validate(o => o.Grace >= TimeSpan.Zero && o.Grace <= TimeSpan.FromDays(1), "Timers:BudgetRollover:Grace must be between 0 and 1 day.")
            .Validate(o => o.Parallelism is > 0 and <= 64, "Timers:BudgetRollover:Parallelism must be 1 to 64.")
            .ValidateOnStart();
        services.AddOptions<BudgetAlertsOptions>().BindConfiguration(BudgetAlertsOptions.SectionName)
            .Validate(o => IsSchedule(o.Schedule), "Timers:BudgetAlerts:Schedule must be an NCRONTAB expression with seconds, e.g. '0 * * * * *'.")
            .Validate(o => o.Backoff > TimeSpan.Zero && o.MaxBackoff >= o.Backoff, "Timers:BudgetAlerts:Backoff must be positive and at most MaxBackoff.")
            .Validate(o => o.ClaimFor > TimeSpan.Zero && o.OrphanAfter > o.ClaimFor, "Timers:BudgetAlerts:ClaimFor must be positive and below OrphanAfter.")
            .Validate(o => string.IsNullOrEmpty(o.PageUrl) || Uri.TryCreate(o.PageUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https",
                "Timers:BudgetAlerts:PageUrl must be the app's absolute http(s) base URL, e.g. https://billing.example.")
            .ValidateOnStart();
        services.AddOptions<TimerOptions>().BindConfiguration(TimerOptions.SectionName);
        services.AddSingleton<BudgetRolloverHandler>();
        services.AddSingleton<BudgetAlertsHandler>();
        services.AddSingleton<ITimerJob>(sp => sp.GetRequiredService<BudgetRolloverHandler>());
        services.AddSingleton<ITimerJob>(sp => sp.GetRequiredService<BudgetAlertsHandler>());
        if (standalone) services.AddHostedService<TimerScheduler>();
        return services;
    }

    /// <summary><c>POST /api/timers/{name}/run</c> (admin key): runs a timer once, now, and answers its summary.</summary>
    public static IEndpointRouteBuilder MapTimers(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/timers/{name}/run", RunAsync).RequireKey(KeyScope.Admin);
        return app;
    }

    private static async Task<Results<JsonHttpResult<JsonElement>, ProblemHttpResult>> RunAsync(
        string name, IEnumerable<ITimerJob> jobs, TimeProvider time, CancellationToken cancellationToken)
    {
        var job = jobs.FirstOrDefault(j => j.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (job is null)
            return TypedResults.Problem(BillingProblems.Field("name", $"is not a timer; use {string.Join(" or ", jobs.Select(j => j.Name))}", StatusCodes.Status404NotFound));
        var summary = await job.RunAsync(new TimerRun(time.GetUtcNow(), OnDemand: true), cancellationToken);
        return TypedResults.Json(summary, Json.BillingJsonContext.Default.JsonElement);
    }

    private static bool IsSchedule(string? schedule) => schedule is not null && CronExpression.TryParse(schedule, CronFormat.IncludeSeconds, out _);
}
