namespace Billing.Functions.Alerts;

/// <summary>The <c>BudgetAlerts</c> timer, bound from <c>Timers:BudgetAlerts</c> (app settings <c>Timers__BudgetAlerts__*</c>).</summary>
public sealed class BudgetAlertsOptions
{
    public const string SectionName = "Timers:BudgetAlerts";

    /// <summary>NCRONTAB with seconds, as the Functions timer trigger reads it. Default every minute.</summary>
    public string Schedule { get; set; } = "0 * * * * *";

    /// <summary>First retry delay after a failed send; it doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a claimed alert is reserved for the sender; a sender that died mid-send is replaced after it.</summary>
    public TimeSpan ClaimFor { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A job whose marker never committed (its transaction failed) is dropped after this long.</summary>
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The app's public base URL (<c>https://billing.example</c>): emails link the owners' page as a signed link under it,
    /// <c>&lt;PageUrl&gt;/accounts/&lt;subject&gt;?exp=…&amp;sig=…</c>. No link when empty or when <c>Dashboard:SigningKey</c> is not set.
    /// </summary>
    public string? PageUrl { get; set; }
}
