using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Billing.Functions.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry traces (ASP.NET Core, outgoing HTTP incl. storage, Lago and the app's own <c>usage.*</c> spans),
    /// metrics (<see cref="BillingMetrics"/> plus ASP.NET Core and HTTP client) and logs. Exported over OTLP when the
    /// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a per-signal endpoint) is set, configured by the other
    /// <c>OTEL_*</c> variables, and to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set; with
    /// neither, the instruments still run (cheaply) and nothing is exported. Logs stay structured; no log carries a key.
    /// </summary>
    public static WebApplicationBuilder AddBillingTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BillingMetrics>();
        var configuration = builder.Configuration;
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName: "billing"))
            .WithTracing(tracing => tracing
                .AddSource(BillingTelemetry.Name)
                // The Functions host polls GET / every few seconds; those spans are noise.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => http.Request.Path != "/")
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(BillingTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging();
        if (HasOtlpEndpoint(configuration)) otel.UseOtlpExporter();
        if (!string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
            otel.UseAzureMonitorExporter(o => o.Credential = EntraCredential(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]));
        return builder;
    }

    /// <summary>
    /// Application Insights with local auth off (as the Bicep deployment makes it) takes only Entra tokens: the
    /// Functions host's own setting <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>ClientId=…;Authorization=AAD</c>)
    /// names the managed identity, and the exporter uses the same. Without it, the connection string's key is used.
    /// </summary>
    private static DefaultAzureCredential? EntraCredential(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication)) return null;
        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!string.Equals(parts.GetValueOrDefault("Authorization"), "AAD", StringComparison.OrdinalIgnoreCase)) return null;
        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = parts.GetValueOrDefault("ClientId") });
    }

    private static bool HasOtlpEndpoint(IConfiguration configuration) =>
        new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT" }
            .Any(name => !string.IsNullOrWhiteSpace(configuration[name]));
}
