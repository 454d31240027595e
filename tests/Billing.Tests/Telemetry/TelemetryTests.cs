using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenTelemetry.Trace;

namespace Billing.Tests.Telemetry;

/// <summary>
/// The app's OpenTelemetry wiring with an in-memory exporter: one trace from the caller's <c>traceparent</c> through
/// the webhook, the queue message and the ingest down to the storage calls, and the app's metrics by their tags.
/// </summary>
public sealed class TelemetryTests : IAsyncDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly BillingApp _app;

    public TelemetryTests(AzuriteFixture azurite)
    {
        _app = new BillingApp(azurite, new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero),
            new() { ["Check:UnknownSubjects"] = "Deny" },
            services => services.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(_spans)));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task One_trace_spans_the_webhook_the_queue_and_the_ingest()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        var client = _app.ClientWithKey(TestKeys.Ingest);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/usage") { Content = new StringContent(LiteLlmBatch.Of(3), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(request)).StatusCode);
        Assert.True(await _app.DrainUsageQueueAsync() > 0);
        _app.Services.GetRequiredService<TracerProvider>().ForceFlush();

        List<Activity> trace;
        lock (_spans) trace = _spans.Where(s => s.TraceId == traceId).ToList();
        var server = Assert.Single(trace, s => s.Kind == ActivityKind.Server);
        Assert.Equal(callerSpan, server.ParentSpanId);
        var accept = Assert.Single(trace, s => s.OperationName == "usage.accept");
        Assert.Equal(server.SpanId, accept.ParentSpanId);
        Assert.Equal(3, accept.GetTagItem("billing.events.accepted"));
        var ingest = Assert.Single(trace, s => s.OperationName == "usage.ingest");
        Assert.Equal(accept.SpanId, ingest.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, ingest.Kind);
        Assert.True(Convert.ToInt64(ingest.GetTagItem("billing.applied"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        // The ledger's storage requests are children of the ingest span: the trace reaches Table Storage.
        Assert.True(trace.Any(s => s.Kind == ActivityKind.Client && s.ParentSpanId == ingest.SpanId), string.Join("; ", trace.Select(s => $"{s.Source.Name}/{s.OperationName}/{s.Kind}/{s.ParentSpanId}/{s.SpanId}")));
        // Nothing secret on any span: keys travel in headers, which are not recorded.
        Assert.DoesNotContain(trace.SelectMany(s => s.Tags), t => t.Value?.Contains(TestKeys.Ingest, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Metrics_count_events_ledger_updates_and_check_decisions_by_reason()
    {
        var meters = _app.Services.GetRequiredService<IMeterFactory>();
        using var accepted = new MetricCollector<long>(meters, "Billing", "billing.usage.events.accepted");
        using var rejected = new MetricCollector<long>(meters, "Billing", "billing.usage.events.rejected");
        using var updates = new MetricCollector<long>(meters, "Billing", "billing.ledger.updates");
        using var applyDuration = new MetricCollector<double>(meters, "Billing", "billing.ledger.apply.duration");
        using var decisions = new MetricCollector<long>(meters, "Billing", "billing.check.decisions");

        var body = LiteLlmBatch.Of(4).TrimEnd(']') + ",{\"id\":\"bad-1\",\"call_type\":\"completion\"}]";
        var posted = await _app.ClientWithKey(TestKeys.Ingest).PostAsync("/api/usage", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        await _app.DrainUsageQueueAsync();
        var client = new BillingClient(_app);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAccountAsync("team:metrics", new { owners = Array.Empty<string>() })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.CheckAsync(new { subjects = new { team = "metrics" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.CheckAsync(new { subjects = new { team = "nobody-knows" } })).StatusCode);

        Assert.Equal(4, accepted.GetMeasurementSnapshot().Sum(m => m.Value));
        var rejection = Assert.Single(rejected.GetMeasurementSnapshot());
        Assert.Equal(1, rejection.Value);
        Assert.False(string.IsNullOrEmpty(rejection.Tags["field"] as string));
        Assert.True(updates.GetMeasurementSnapshot().Where(m => (string?)m.Tags["result"] == "applied").Sum(m => m.Value) >= 4);
        Assert.Contains(applyDuration.GetMeasurementSnapshot(), m => (string?)m.Tags["outcome"] == "applied");
        var answers = decisions.GetMeasurementSnapshot();
        Assert.Contains(answers, m => (string?)m.Tags["decision"] == "allowed" && (string?)m.Tags["reason"] == "within_budget");
        Assert.Contains(answers, m => (string?)m.Tags["decision"] == "denied" && (string?)m.Tags["reason"] == "unknown_subject");
    }
}
