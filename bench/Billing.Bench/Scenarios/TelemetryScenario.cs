using Billing.Bench.Infrastructure;
using Billing.Bench.Report;

namespace Billing.Bench.Scenarios;

/// <summary>
/// What OpenTelemetry costs on the hottest path: the cached check over HTTP with the app's tracing and metrics on (as
/// deployed, no exporter), against the same app with <c>OTEL_SDK_DISABLED=true</c>. Listeners are process-wide, so the
/// two apps never run at once: each round starts one, measures it, and stops it.
/// </summary>
public sealed class TelemetryScenario(BenchStorage storage, BenchOptions options, BenchReport report)
{
    private readonly HashSet<(bool, string)> _providers = [];

    public async Task RunAsync(string seededTablePrefix, CancellationToken cancellationToken)
    {
        foreach (var concurrency in new[] { 1, 32 })
        {
            var (off, on) = await LoadRunner.AlternateAsync(options.Rounds,
                () => MeasureAsync(seededTablePrefix, telemetry: false, concurrency, cancellationToken),
                () => MeasureAsync(seededTablePrefix, telemetry: true, concurrency, cancellationToken));
            report.Throughput.Add(new ThroughputRow("Check over HTTP, cached, with OpenTelemetry on", concurrency, "checks/s", on,
                "the same app with OTEL_SDK_DISABLED=true", off));
            if (on.Errors > 0 || off.Errors > 0) report.Notes.Add($"Telemetry scenario at {concurrency} concurrent: {on.Errors} / {off.Errors} failed checks.");
        }
    }

    private async Task<Measurement> MeasureAsync(string seededTablePrefix, bool telemetry, int concurrency, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?> { ["Storage:TablePrefix"] = seededTablePrefix };
        if (!telemetry) settings["OTEL_SDK_DISABLED"] = "true";
        await using var app = new BenchApp(storage, settings);
        app.StartServer();
        var provider = app.Services.GetService(typeof(OpenTelemetry.Trace.TracerProvider))?.GetType().Name ?? "none";
        if (_providers.Add((telemetry, provider))) report.Notes.Add($"Telemetry scenario: with telemetry {(telemetry ? "on" : "off")} the app's tracer provider is {provider}.");
        using var connections = new ConnectionSet(app.Endpoint);
        return await LoadRunner.RunAsync(concurrency, options.Warmup, options.Window,
            loop => CheckScenario.CheckLoopAsync(connections, 1, loop, cancellationToken), cancellationToken: cancellationToken);
    }
}
