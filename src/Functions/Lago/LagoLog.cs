namespace Billing.Functions.Lago;

internal static partial class LagoLog
{
    [LoggerMessage(6101, LogLevel.Warning, "Lago push stopped: {Reason}; next attempt at {NextAttemptAt}")]
    public static partial void PushStopped(ILogger logger, string reason, DateTimeOffset nextAttemptAt);

    [LoggerMessage(6102, LogLevel.Error, "Lago refused event {EventId} of {Subject}; it is parked: {Reason}")]
    public static partial void Parked(ILogger logger, string eventId, string subject, string reason);

    [LoggerMessage(6103, LogLevel.Information, "Lago push: {Pushed} pushed, {Already} already in Lago, {Parked} parked, {Pending} pending")]
    public static partial void Pushed(ILogger logger, int pushed, int already, int parked, int pending);

    [LoggerMessage(6104, LogLevel.Warning, "Lago wallet pull for {Subject} failed: {Reason}")]
    public static partial void PullFailed(ILogger logger, string subject, string reason);

    [LoggerMessage(6105, LogLevel.Warning, "Lago webhook refused: {Reason}")]
    public static partial void WebhookRefused(ILogger logger, string reason);

    [LoggerMessage(6106, LogLevel.Information, "Lago webhook {Type} ({UniqueKey}) handled: {Action}")]
    public static partial void WebhookHandled(ILogger logger, string type, string uniqueKey, string action);

    [LoggerMessage(6107, LogLevel.Warning, "Lago wallet {WalletId} of {Customer} is ignored: {Reason}")]
    public static partial void WalletIgnored(ILogger logger, string walletId, string customer, string reason);
}
