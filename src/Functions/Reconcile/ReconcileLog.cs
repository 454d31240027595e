namespace Billing.Functions.Reconcile;

/// <summary>Event ids 9001-9099 (the quarantine's are 8001-8099).</summary>
internal static partial class ReconcileLog
{
    [LoggerMessage(9001, LogLevel.Warning, "Reconcile: {Subject} breaks {Invariant}: expected {Expected}, actual {Actual}")]
    public static partial void Differs(ILogger logger, string subject, string invariant, string expected, string actual);

    [LoggerMessage(9002, LogLevel.Information, "Reconcile checked {Checked} subjects and found {Differences} differences; {Unsettled} unsettled, {TooLarge} too large")]
    public static partial void Checked(ILogger logger, int @checked, int differences, int unsettled, int tooLarge);

    [LoggerMessage(9003, LogLevel.Warning, "Reconcile: {Subject} was written to on every read and was not compared")]
    public static partial void Unsettled(ILogger logger, string subject);

    [LoggerMessage(9004, LogLevel.Warning, "Reconcile: {Subject} has more than {MaxRows} rows to read and was not compared (Reconcile:MaxRowsPerSubject)")]
    public static partial void TooLarge(ILogger logger, string subject, long maxRows);
}
