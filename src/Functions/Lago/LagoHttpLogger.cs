using Microsoft.Extensions.Http.Logging;

namespace Billing.Functions.Lago;

/// <summary>
/// Logs each request to Lago (method, path, status, duration) without its headers or query. It replaces the
/// factory's default loggers: those redact header values in the message text, but at Trace level they put the raw
/// headers, the bearer key included, in the structured state that sinks such as OpenTelemetry export.
/// </summary>
public sealed partial class LagoHttpLogger(ILogger<LagoHttpLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        Answered(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        Failed(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", exception.GetType().Name, elapsed.TotalMilliseconds);

    [LoggerMessage(6190, LogLevel.Debug, "Lago {Method} {Path} answered {StatusCode} in {ElapsedMs} ms")]
    private static partial void Answered(ILogger logger, string method, string path, int statusCode, double elapsedMs);

    [LoggerMessage(6191, LogLevel.Debug, "Lago {Method} {Path} failed after {ElapsedMs} ms: {Error}")]
    private static partial void Failed(ILogger logger, string method, string path, string error, double elapsedMs);
}
