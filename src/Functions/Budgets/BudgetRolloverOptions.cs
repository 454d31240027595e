namespace Billing.Functions.Budgets;

/// <summary>The <c>BudgetRollover</c> timer, bound from <c>Timers:BudgetRollover</c> (app settings <c>Timers__BudgetRollover__*</c>).</summary>
public sealed class BudgetRolloverOptions
{
    public const string SectionName = "Timers:BudgetRollover";

    /// <summary>NCRONTAB with seconds, as the Functions timer trigger reads it. Default every 5 minutes.</summary>
    public string Schedule { get; set; } = "0 */5 * * * *";

    /// <summary>
    /// How long after a period ends its statement is written, so events still in flight (LiteLLM's 5 s batches, the
    /// queue) land in it first. Default 5 minutes.
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Accounts processed in parallel by one run.</summary>
    public int Parallelism { get; set; } = 16;
}
