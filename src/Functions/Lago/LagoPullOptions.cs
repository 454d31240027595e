namespace Billing.Functions.Lago;

/// <summary>The <c>LagoPull</c> timer, bound from <c>Timers:LagoPull</c> (app settings <c>Timers__LagoPull__*</c>).</summary>
public sealed class LagoPullOptions
{
    public const string SectionName = "Timers:LagoPull";

    /// <summary>NCRONTAB with seconds. Default every 5 minutes: Lago refreshes ongoing balances every 5 minutes by default.</summary>
    public string Schedule { get; set; } = "0 */5 * * * *";

    /// <summary>Wait after Lago was unreachable during a pull.</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a run holds the pull to itself.</summary>
    public TimeSpan LeaseFor { get; set; } = TimeSpan.FromMinutes(10);
}
