namespace Billing.Functions.Guardrail;

/// <summary>The guardrail's log lines: ids, model, counts and the decision; never prompt text.</summary>
internal static partial class GuardrailLog
{
    [LoggerMessage(7001, LogLevel.Information, "Guardrail blocked call {CallId} for {Model}: {Subject} {Window} (estimated {PromptTokens} + {CompletionTokens} tokens, {Cost} USD)")]
    public static partial void Blocked(ILogger logger, string? callId, string? model, string subject, string? window, long promptTokens, long completionTokens, decimal cost);

    [LoggerMessage(7002, LogLevel.Warning, "Guardrail call {CallId} names no subject (request_data has no user_api_key_* ids); allowed unchecked")]
    public static partial void NoSubjects(ILogger logger, string? callId);

    [LoggerMessage(7003, LogLevel.Debug, "Guardrail allowed call {CallId} for {Model}: estimated {PromptTokens} ({Encoding}) + {CompletionTokens} tokens, {Cost} USD from {EstimateSource}, held: {Held}")]
    public static partial void Allowed(ILogger logger, string? callId, string? model, long promptTokens, string encoding, long completionTokens, decimal cost, string estimateSource, bool held);

    [LoggerMessage(7004, LogLevel.Warning, "Guardrail request {CallId} is invalid: {Detail}")]
    public static partial void Invalid(ILogger logger, string? callId, string? detail);
}
