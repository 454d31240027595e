using System.Globalization;
using System.Text;
using System.Text.Json;
using Billing.Functions.Auth;
using Billing.Functions.Json;
using Billing.Functions.Problems;
using Billing.Functions.RateLimiting;
using Billing.Functions.Timers;
using Billing.Functions.Usage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Hosting;

/// <summary>
/// The Azure Functions custom-handler protocol for the functions that are not plain forwarded HTTP: the host
/// POSTs <c>{"Data":…,"Metadata":…}</c> to <c>/{FunctionName}</c> and reads Outputs from a 2xx JSON answer.
/// Thin shells: all work is in the handlers the standalone host calls too.
/// </summary>
public static class CustomHandlerEndpoints
{
    public static IEndpointRouteBuilder MapCustomHandler(this IEndpointRouteBuilder app)
    {
        // The host's own requests carry no key: the middleware would put them all in one anonymous bucket. The webhook
        // spends its ingest key's budget itself, once the key in the envelope is checked.
        app.MapPost("/" + FunctionNames.UsageWebhook, UsageWebhookAsync).DisableRateLimiting();
        app.MapPost("/" + FunctionNames.UsageIngest, UsageIngestAsync).DisableRateLimiting();
        foreach (var timer in FunctionNames.TimerTriggered) app.MapPost("/" + timer, (HttpContext context, IEnumerable<ITimerJob> jobs, TimeProvider time, CancellationToken cancellationToken) =>
            TimerAsync(context, jobs.Single(j => j.Name == timer), time, cancellationToken)).DisableRateLimiting();
        return app;
    }

    /// <summary>
    /// A timer trigger: the host sends <c>{"Data":{"timer":{…}},"Metadata":{…}}</c>; the run is for now (a past-due
    /// occurrence does everything due now). A failure answers 500: the host logs it and the next occurrence still fires.
    /// </summary>
    private static async Task<IResult> TimerAsync(HttpContext context, ITimerJob job, TimeProvider time, CancellationToken cancellationToken)
    {
        var (envelope, invalid) = await InvocationEnvelope.ReadAsync(context.Request.Body, FunctionNames.TimerTriggerBinding, JsonValueKind.Object, cancellationToken);
        using (envelope)
        {
            if (invalid is not null) return TypedResults.Problem(invalid);
            if (envelope!.Value.TryGetProperty("IsPastDue", out var pastDue) && pastDue.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return TypedResults.Problem(BillingProblems.Field($"Data.{FunctionNames.TimerTriggerBinding}.IsPastDue", "must be true or false"));
        }
        try
        {
            var summary = await job.RunAsync(new TimerRun(time.GetUtcNow(), OnDemand: false), cancellationToken);
            return Result(StatusCodes.Status200OK, $"{job.Name}: {summary.GetRawText()}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Result(StatusCodes.Status500InternalServerError, $"{job.Name} failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task<IResult> UsageWebhookAsync(
        HttpContext context, UsageWebhookHandler handler, ApiKeyAuthenticator authenticator, CallerRateLimiter limiter, CancellationToken cancellationToken)
    {
        // The envelope carries the webhook body JSON-escaped, so it is larger than the body; Kestrel's 30 MB default
        // would fail the invocation (500 to the caller) below Webhook:MaxBodyBytes. The handler enforces that limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        var (invocation, invalid) = await InvocationEnvelope.ReadAsync(context.Request.Body, FunctionNames.HttpRequestBinding, JsonValueKind.Object, cancellationToken);
        if (invalid is not null) return TypedResults.Problem(invalid);
        using var _ = invocation;
        var request = invocation!.Value;
        // The key travels in the envelope: identified once, for the key check and the caller's bucket alike.
        var key = ApiKeyAuthenticator.BearerKey(HostValues.Header(request, "Authorization"));
        if (!authenticator.TryIdentify(key, out var scope, out var fingerprint) || scope != KeyScope.Ingest)
            return Answer(Problem(BillingProblems.Unauthorized("ingest"), ("WWW-Authenticate", "Bearer")), []);
        using var lease = limiter.Acquire(CallerRateLimiter.KeyCaller(scope, fingerprint));
        if (!lease.IsAcquired)
        {
            var seconds = RateLimitingExtensions.RetryAfterSeconds(lease);
            return Answer(Problem(RateLimitingExtensions.Problem(seconds), ("Retry-After", seconds.ToString(CultureInfo.InvariantCulture))), []);
        }

        var body = request.TryGetProperty("Body", out var b) ? b.ValueKind == JsonValueKind.String ? b.GetString()! : b.GetRawText() : "";
        var bytes = Encoding.UTF8.GetBytes(body);
        var outcome = await handler.AcceptAsync(new MemoryStream(bytes, writable: false), bytes.Length, cancellationToken);
        var response = outcome.Problem is { } problem
            ? Problem(problem)
            : Json(outcome.StatusCode, JsonSerializer.Serialize(outcome.Body!, BillingJsonContext.Default.UsageAcceptedResponse), "application/json");
        return Answer(response, outcome.Messages);
    }

    private static async Task<IResult> UsageIngestAsync(
        HttpContext context, UsageIngestHandler handler, CancellationToken cancellationToken)
    {
        var (invocation, invalid) = await InvocationEnvelope.ReadAsync(context.Request.Body, FunctionNames.UsageTriggerBinding, JsonValueKind.Undefined, cancellationToken);
        if (invalid is not null) return TypedResults.Problem(invalid);
        using var _ = invocation;
        var metadata = invocation!.Metadata;
        var message = new UsageQueueMessage(
            HostValues.Property(metadata, "MessageId") ?? "unknown",
            HostValues.Body(invocation.Value),
            HostValues.Number(metadata, "DeliveryCount"));
        var report = await handler.HandleAsync([message], cancellationToken);
        // 2xx completes the message; non-2xx makes Service Bus abandon and redeliver it.
        return report[0] switch
        {
            IngestDisposition.Retry => Result(StatusCodes.Status500InternalServerError, $"transient failure on delivery {message.DeliveryCount}, will be retried"),
            IngestDisposition.Quarantined => Result(StatusCodes.Status200OK, "poison message quarantined"),
            _ => Result(StatusCodes.Status200OK, $"applied {report.Ledger.Applied} event-subject updates, {report.Ledger.Duplicates} already applied"),
        };
    }

    private static IResult Answer(HttpBindingResponse response, IReadOnlyList<string> messages) => Results.Json(
        new InvocationResult { Outputs = new InvocationOutputs { Res = response, Usage = messages } },
        BillingJsonContext.Default.InvocationResult);

    private static IResult Result(int status, string log) => Results.Json(
        new InvocationResult { Logs = [log] }, BillingJsonContext.Default.InvocationResult, statusCode: status);

    private static HttpBindingResponse Problem(ProblemDetails problem, params (string Name, string Value)[] headers)
    {
        var response = Json(problem.Status ?? 400, JsonSerializer.Serialize(problem, BillingJsonContext.Default.ProblemDetails), "application/problem+json");
        foreach (var (name, value) in headers) response.Headers[name] = value;
        return response;
    }

    private static HttpBindingResponse Json(int status, string body, string contentType) =>
        new(status, new Dictionary<string, string> { ["Content-Type"] = contentType }, body);
}
