namespace Billing.Functions.Budgets;

internal static partial class BudgetLog
{
    [LoggerMessage(4001, LogLevel.Warning, "Budget rollover of {Subject} failed; its job stays due and the next run retries it")]
    public static partial void RolloverFailed(ILogger logger, Exception exception, string subject);
}
