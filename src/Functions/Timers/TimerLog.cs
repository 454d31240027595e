namespace Billing.Functions.Timers;

internal static partial class TimerLog
{
    [LoggerMessage(3001, LogLevel.Information, "Timer {Timer} ran: {Summary}")]
    public static partial void Ran(ILogger logger, string timer, string summary);

    [LoggerMessage(3002, LogLevel.Error, "Timer {Timer} failed; its next occurrence runs as scheduled")]
    public static partial void Failed(ILogger logger, Exception exception, string timer);
}
