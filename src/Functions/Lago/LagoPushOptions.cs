namespace Billing.Functions.Lago;

/// <summary>The <c>LagoPush</c> timer, bound from <c>Timers:LagoPush</c> (app settings <c>Timers__LagoPush__*</c>).</summary>
public sealed class LagoPushOptions
{
    public const string SectionName = "Timers:LagoPush";

    /// <summary>NCRONTAB with seconds, as the Functions timer trigger reads it. Default every minute.</summary>
    public string Schedule { get; set; } = "0 * * * * *";

    /// <summary>First wait after Lago failed (5xx, timeout, refused); it doubles per failed run up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a run holds the push to itself; another instance's run waits it out, so an instance that died holding it
    /// stalls the push this long. A run sends for at most half of it (then the next run goes on), so with the default
    /// 2 minutes a run sends for a minute plus one request's <c>Lago:RequestTimeout</c> (30 s). Should a slow run still
    /// overlap the next one, each event again carries its transaction id and Lago keeps it once.
    /// </summary>
    public TimeSpan LeaseFor { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A subject's push job is removed once its outbox is empty and the job is older than this: longer than a ledger
    /// transaction can take after writing its job (<see cref="Storage.OutboxJobs"/>).
    /// </summary>
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many batches of up to 100 events per run; the rest waits for the next run.</summary>
    public int MaxBatchesPerRun { get; set; } = 1000;
}
