namespace Billing.Functions.Reconcile;

internal static partial class ReconcileLog
{
    [LoggerMessage(8001, LogLevel.Warning, "Reconcile: {Subject} breaks {Invariant}: expected {Expected}, actual {Actual}")]
    public static partial void Differs(ILogger logger, string subject, string invariant, string expected, string actual);

    [LoggerMessage(8002, LogLevel.Information, "Reconcile checked {Checked} subjects and found {Differences} differences")]
    public static partial void Checked(ILogger logger, int @checked, int differences);
}
