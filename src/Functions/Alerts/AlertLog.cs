namespace Billing.Functions.Alerts;

/// <summary>Alert email logs: counts and the server's reason only, never bodies, recipients' content or passwords.</summary>
internal static partial class AlertLog
{
    [LoggerMessage(3001, LogLevel.Information, "Sent {Sent} budget alert emails via {Host}:{Port}")]
    public static partial void Sent(ILogger logger, int sent, string host, int port);

    [LoggerMessage(3002, LogLevel.Warning, "Budget alert email delivery via {Host}:{Port} failed after {Sent} of {Total} emails (transient: {Transient}): {Reason}")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, string host, int port, int sent, int total, bool transient, string reason);

    [LoggerMessage(3003, LogLevel.Debug, "Closing the SMTP connection to {Host}:{Port} failed after every email was accepted")]
    public static partial void DisconnectFailed(ILogger logger, Exception exception, string host, int port);
}
