namespace Billing.Functions.Alerts;

internal static partial class AlertsTimerLog
{
    [LoggerMessage(5101, LogLevel.Warning, "{Pending} budget alerts are waiting: no SMTP server is configured (Smtp:Host)")]
    public static partial void EmailNotConfigured(ILogger logger, int pending);

    [LoggerMessage(5102, LogLevel.Warning, "Budget alert for {Subject} window {Window} has no owner to send to; it is marked no_recipients")]
    public static partial void NoRecipients(ILogger logger, string subject, string window);

    [LoggerMessage(5103, LogLevel.Warning, "Budget alert for {Subject} window {Window} failed on attempt {Attempts}; retry at {RetryAt}")]
    public static partial void SendFailed(ILogger logger, Exception exception, string subject, string window, int attempts, DateTimeOffset retryAt);

    [LoggerMessage(5104, LogLevel.Warning, "Budget alert job for {Subject} failed; it stays due for the next run")]
    public static partial void JobFailed(ILogger logger, Exception exception, string subject);
}
